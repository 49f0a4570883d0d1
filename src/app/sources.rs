//! How the window marks figures that were estimated rather than published: a mark beside the
//! practice and a tooltip with each figure's source (from `model::Provenance`).

use crate::model::Practice;

/// The mark drawn beside a practice with an estimated figure.
pub const ESTIMATED_MARK: &str = "≈";

/// `(mark, tooltip)` for a practice with an estimated figure, else `None`.
pub fn estimated_mark(practice: &Practice) -> Option<(&'static str, String)> {
    practice.provenance.any_estimated().then(|| {
        (
            ESTIMATED_MARK,
            format!(
                "{ESTIMATED_MARK} estimated values — {}",
                practice.provenance.describe()
            ),
        )
    })
}

/// The accessible-name suffix of a practice with estimated figures.
pub fn estimated_suffix(practice: &Practice) -> &'static str {
    if practice.provenance.any_estimated() {
        " (estimated values)"
    } else {
        ""
    }
}
