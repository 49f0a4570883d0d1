//! List growth: from a practice's registered list at two dates (two registrations extracts), each
//! group's yearly growth and its list projected some years ahead.
//!
//! A group's growth is the compound yearly rate of its members that have both lists (practices
//! opened since the earlier date are left out of the rate); its projection applies that rate to
//! its whole list today. Growth is a trend, not a forecast: the window and the report say so.

use super::hub::Band;
use super::quantity::Patients;

/// Years the window projects ahead unless the user chooses otherwise.
pub const DEFAULT_PROJECT_YEARS: u32 = 3;
/// The most years ahead anything projects (a trend stretched further means little).
pub const MAX_PROJECT_YEARS: u32 = 20;

/// The members of a group that have a list at the earlier date: how many, and their lists then
/// and now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListTrend {
    pub practices: u32,
    pub earlier: Patients,
    pub now: Patients,
}

impl ListTrend {
    /// Counts a member with its earlier list (`None`: no list then).
    pub fn add(&mut self, earlier: Option<Patients>, now: Patients) {
        if let Some(earlier) = earlier {
            self.practices += 1;
            self.earlier += earlier;
            self.now += now;
        }
    }

    /// Both groups' members together.
    pub fn plus(self, other: Self) -> Self {
        Self {
            practices: self.practices + other.practices,
            earlier: self.earlier + other.earlier,
            now: self.now + other.now,
        }
    }

    /// The compound yearly growth (0.012 for 1.2 % a year) over `years`; `None` without members
    /// that had a list then, or for a span that is not positive.
    pub fn yearly_rate(&self, years: f64) -> Option<f64> {
        let earlier = self.earlier.as_f64();
        if self.practices == 0 || earlier <= 0.0 || !years.is_finite() || years <= 0.0 {
            return None;
        }
        let rate = (self.now.as_f64() / earlier).powf(1.0 / years) - 1.0;
        rate.is_finite().then_some(rate)
    }
}

/// A group's list projected ahead at its yearly rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    /// Compound yearly growth, e.g. 0.012.
    pub yearly_rate: f64,
    pub years_ahead: u32,
    pub registered: Patients,
    pub band: Band,
}

/// `registered` grown at the trend's rate for `years_ahead` years; `None` when the trend has no
/// rate (see [`ListTrend::yearly_rate`]).
pub fn project(
    trend: &ListTrend,
    registered: Patients,
    years_between: f64,
    years_ahead: u32,
) -> Option<Projection> {
    let yearly_rate = trend.yearly_rate(years_between)?;
    let factor = (1.0 + yearly_rate).powi(years_ahead.min(MAX_PROJECT_YEARS) as i32);
    let hundredths = (registered.hundredths() as f64 * factor).round();
    if !hundredths.is_finite() {
        return None;
    }
    let registered = Patients(hundredths.clamp(0.0, i64::MAX as f64 / 2.0) as i64);
    Some(Projection {
        yearly_rate,
        years_ahead,
        registered,
        band: Band::of(registered),
    })
}

/// `+1.2 % a year`, `-0.4 % a year`, `0.0 % a year`.
pub fn format_rate(rate: f64) -> String {
    let percent = rate * 100.0;
    let text = format!("{percent:+.1}");
    match text.as_str() {
        "+0.0" | "-0.0" => "0.0 % a year".to_string(),
        _ => format!("{text} % a year"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(whole: i64) -> Patients {
        Patients(whole * 100)
    }

    #[test]
    fn a_hub_that_grew_by_a_fifth_in_two_years() {
        let mut trend = ListTrend::default();
        trend.add(Some(w(10_000)), w(12_000));
        trend.add(Some(w(15_000)), w(18_000));
        trend.add(None, w(5_000));
        assert_eq!(trend.practices, 2);
        // (30,000 / 25,000)^(1/2) - 1 = 0.095445...
        let rate = trend.yearly_rate(2.0).expect("a rate");
        assert!((rate - (1.2f64.sqrt() - 1.0)).abs() < 1e-12);
        // The whole list (35,000) grows: 35,000 × 1.2^(3/2) = 46,008.69.
        let projection = project(&trend, w(35_000), 2.0, 3).expect("a projection");
        assert_eq!(projection.registered, Patients(4_600_869));
        assert_eq!(projection.band, Band::Within);
        let later = project(&trend, w(35_000), 2.0, 5).expect("a projection");
        assert_eq!(later.band, Band::Above);
        assert_eq!(format_rate(rate), "+9.5 % a year");
    }

    #[test]
    fn no_rate_without_an_earlier_list() {
        let mut trend = ListTrend::default();
        trend.add(None, w(5_000));
        assert_eq!(trend.yearly_rate(5.0), None);
        assert_eq!(project(&trend, w(5_000), 5.0, 3), None);
        trend.add(Some(w(100)), w(90));
        assert_eq!(trend.yearly_rate(0.0), None);
        assert_eq!(trend.yearly_rate(f64::NAN), None);
        assert_eq!(format_rate(-0.00004), "0.0 % a year");
        assert_eq!(format_rate(-0.004), "-0.4 % a year");
    }
}
