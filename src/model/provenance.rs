//! Where each figure of a practice came from: publication and date, and whether it was estimated.
//!
//! Data of a region can be assembled from several files (a monthly registrations extract, the
//! practice→PCN map, the bundled 2022/23 reference); every figure keeps its source so that
//! estimated or older values are never mixed silently with published ones.

/// The source of one figure, e.g. `NHS Digital registrations 2026-04-01`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// For people: publication and date, or how the value was estimated.
    pub text: String,
    /// The value was not published but estimated (e.g. a weighted list from an older ratio).
    pub estimated: bool,
}

impl Source {
    /// A published figure.
    pub fn published(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            estimated: false,
        }
    }

    /// An estimated figure.
    pub fn estimated(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            estimated: true,
        }
    }
}

/// The sources of a practice's figures; `None` where the region's own source applies.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Provenance {
    pub registered: Option<Source>,
    pub weighted: Option<Source>,
    /// GP and nurse FTE.
    pub staff: Option<Source>,
    /// The coordinates, or with no coordinates, why there are none.
    pub location: Option<Source>,
}

impl Provenance {
    pub fn is_empty(&self) -> bool {
        self.entries().next().is_none()
    }

    /// `(label, source)` of every figure with a known source, in a fixed order.
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, &Source)> {
        [
            ("registered", &self.registered),
            ("weighted", &self.weighted),
            ("FTE", &self.staff),
            ("location", &self.location),
        ]
        .into_iter()
        .filter_map(|(label, source)| source.as_ref().map(|source| (label, source)))
    }

    /// Whether any figure was estimated.
    pub fn any_estimated(&self) -> bool {
        self.entries().any(|(_, source)| source.estimated)
    }

    /// `registered: NHS Digital 2026-04-01; weighted: estimated from 2022/23 ratio`.
    pub fn describe(&self) -> String {
        self.entries()
            .map(|(label, source)| format!("{label}: {}", source.text))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Which figures of a group of practices (their provenances) include estimates:
/// `weighted 14 of 14` (labels of [`Provenance::entries`], joined by `; `), or `""` when none does.
pub fn estimates_summary<'a>(practices: impl IntoIterator<Item = &'a Provenance>) -> String {
    let mut total = 0usize;
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for provenance in practices {
        total += 1;
        for (label, source) in provenance.entries() {
            if !source.estimated {
                continue;
            }
            match counts.iter_mut().find(|(known, _)| *known == label) {
                Some((_, count)) => *count += 1,
                None => counts.push((label, 1)),
            }
        }
    }
    counts
        .iter()
        .map(|(label, count)| format!("{label} {count} of {total}"))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_estimated_members() {
        let estimated = Provenance {
            weighted: Some(Source::estimated("ratio")),
            ..Provenance::default()
        };
        let published = Provenance::default();
        assert_eq!(
            estimates_summary([&estimated, &published]),
            "weighted 1 of 2"
        );
        assert_eq!(estimates_summary([&published]), "");
    }

    #[test]
    fn describes_in_fixed_order_and_flags_estimates() {
        let provenance = Provenance {
            weighted: Some(Source::estimated("estimated from 2022/23 ratio")),
            registered: Some(Source::published("NHS Digital 2026-04-01")),
            ..Provenance::default()
        };
        assert_eq!(
            provenance.describe(),
            "registered: NHS Digital 2026-04-01; weighted: estimated from 2022/23 ratio"
        );
        assert!(provenance.any_estimated());
        assert!(!Provenance::default().any_estimated());
        assert!(Provenance::default().is_empty());
    }
}
