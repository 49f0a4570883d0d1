//! Exact fixed-point quantities.
//!
//! Patient counts and FTE arrive with up to two decimals (the NHS publishes lists as means of
//! quarterly counts, e.g. `4029.25`). Holding them as whole hundredths keeps every hub total exact
//! under any sequence of moves and undos (no floating-point drift), and lets money be computed to
//! the penny with integer arithmetic.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

/// Largest magnitude accepted for any count (a billion): far beyond England's 64 million patients,
/// small enough that sums of hundredths never overflow.
pub const MAX_COUNT: f64 = 1.0e9;

/// Why a number from a file could not become a quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum QuantityError {
    #[error("is not a finite number")]
    NotFinite,
    #[error("is negative")]
    Negative,
    #[error("is too large (over 1,000,000,000)")]
    TooLarge,
}

macro_rules! hundredths_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub struct $name(pub i64);

        impl $name {
            pub const ZERO: Self = Self(0);

            /// From a non-negative finite number, rounded to the nearest hundredth.
            pub fn from_f64(value: f64) -> Result<Self, QuantityError> {
                if !value.is_finite() {
                    return Err(QuantityError::NotFinite);
                }
                if value < 0.0 {
                    return Err(QuantityError::Negative);
                }
                if value > MAX_COUNT {
                    return Err(QuantityError::TooLarge);
                }
                Ok(Self((value * 100.0).round() as i64))
            }

            /// Whole hundredths, for exact arithmetic.
            pub fn hundredths(self) -> i64 {
                self.0
            }

            pub fn as_f64(self) -> f64 {
                self.0 as f64 / 100.0
            }

            pub fn is_zero(self) -> bool {
                self.0 == 0
            }
        }

        impl Add for $name {
            type Output = Self;
            fn add(self, rhs: Self) -> Self {
                Self(self.0 + rhs.0)
            }
        }
        impl Sub for $name {
            type Output = Self;
            fn sub(self, rhs: Self) -> Self {
                Self(self.0 - rhs.0)
            }
        }
        impl Neg for $name {
            type Output = Self;
            fn neg(self) -> Self {
                Self(-self.0)
            }
        }
        impl AddAssign for $name {
            fn add_assign(&mut self, rhs: Self) {
                self.0 += rhs.0;
            }
        }
        impl SubAssign for $name {
            fn sub_assign(&mut self, rhs: Self) {
                self.0 -= rhs.0;
            }
        }
        impl Sum for $name {
            fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
                Self(iter.map(|v| v.0).sum())
            }
        }
        impl fmt::Display for $name {
            /// Plain decimal with the fewest digits needed: `4029.25`, `4857`, `5.4`.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", format_hundredths(self.0))
            }
        }
    };
}

hundredths_type!(
    /// A number of patients, held in hundredths (lists are often fractional means).
    Patients
);
hundredths_type!(
    /// Full-time equivalent staff (37.5 h/week), held in hundredths.
    Fte
);
hundredths_type!(
    /// A number of care-home beds (CQC registered), held in hundredths for uniformity.
    Beds
);

/// Money in whole pence: every funding figure is rounded to the penny once, per hub and line.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Pence(pub i64);

impl Pence {
    pub const ZERO: Self = Self(0);

    pub fn from_pounds_f64(pounds: f64) -> Self {
        Self((pounds * 100.0).round() as i64)
    }

    pub fn as_pounds_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// `1234.50`, `-0.05`: pounds to two decimals, no separators (for CSV and JSON).
    pub fn to_plain_string(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }

    /// `£1,234.50`, `−£5.00`: for people.
    pub fn to_display_string(self) -> String {
        let sign = if self.0 < 0 { "−" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}£{}.{:02}", group_thousands(abs / 100), abs % 100)
    }

    /// `£1,235` rounded to the pound, for tight screen columns.
    pub fn to_whole_pounds_string(self) -> String {
        let sign = if self.0 < 0 { "−" } else { "" };
        let abs = self.0.unsigned_abs();
        let pounds = (abs + 50) / 100;
        format!("{sign}£{}", group_thousands(pounds))
    }
}

impl Add for Pence {
    type Output = Self;
    fn add(self, rhs: Self) -> Self {
        Self(self.0 + rhs.0)
    }
}
impl Sub for Pence {
    type Output = Self;
    fn sub(self, rhs: Self) -> Self {
        Self(self.0 - rhs.0)
    }
}
impl Neg for Pence {
    type Output = Self;
    fn neg(self) -> Self {
        Self(-self.0)
    }
}
impl AddAssign for Pence {
    fn add_assign(&mut self, rhs: Self) {
        self.0 += rhs.0;
    }
}
impl SubAssign for Pence {
    fn sub_assign(&mut self, rhs: Self) {
        self.0 -= rhs.0;
    }
}
impl Sum for Pence {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        Self(iter.map(|v| v.0).sum())
    }
}

/// A rate in ten-thousandths of a pound per unit (£1.761 = 17,610), so that
/// `rate × hundredths of a unit` gives an exact amount before the single rounding to the penny.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Rate(pub i64);

impl Rate {
    /// From pounds per unit with at most four decimals; `None` if the value has more precision,
    /// is negative or is not finite.
    pub fn from_pounds(pounds: f64) -> Option<Self> {
        if !pounds.is_finite() || !(0.0..=1.0e6).contains(&pounds) {
            return None;
        }
        let scaled = pounds * 10_000.0;
        let rounded = scaled.round();
        ((scaled - rounded).abs() < 1e-6).then_some(Self(rounded as i64))
    }

    pub fn as_pounds_f64(self) -> f64 {
        self.0 as f64 / 10_000.0
    }

    /// The amount due on a base held in hundredths, rounded half away from zero to the penny.
    ///
    /// pence = rate(£/unit) × units × 100 = (rate_e4 / 10⁴) × (base_e2 / 10²) × 10² = rate_e4 × base_e2 / 10⁴.
    pub fn pence_for(self, base_hundredths: i64) -> Pence {
        let numerator = i128::from(self.0) * i128::from(base_hundredths);
        let half = 5_000i128 * numerator.signum();
        Pence(((numerator + half) / 10_000) as i64)
    }
}

impl fmt::Display for Rate {
    /// `1.761`, `120`, `2.2180` → `2.218`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.0 / 10_000;
        let frac = self.0 % 10_000;
        if frac == 0 {
            write!(f, "{whole}")
        } else {
            let digits = format!("{frac:04}");
            write!(f, "{whole}.{}", digits.trim_end_matches('0'))
        }
    }
}

/// `4029.25`, `4857`, `5.4`, `-0.5`.
pub fn format_hundredths(hundredths: i64) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let abs = hundredths.unsigned_abs();
    let whole = abs / 100;
    let frac = abs % 100;
    if frac == 0 {
        format!("{sign}{whole}")
    } else if frac.is_multiple_of(10) {
        format!("{sign}{whole}.{}", frac / 10)
    } else {
        format!("{sign}{whole}.{frac:02}")
    }
}

/// `12,345`: digits grouped in thousands with commas.
pub fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, ch) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// `9,846` (whole patients, rounded) for people.
pub fn format_patients_whole(patients: Patients) -> String {
    let sign = if patients.0 < 0 { "−" } else { "" };
    let whole = (patients.0.unsigned_abs() + 50) / 100;
    format!("{sign}{}", group_thousands(whole))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patients_round_to_hundredths() {
        assert_eq!(Patients::from_f64(4029.25), Ok(Patients(402_925)));
        assert_eq!(Patients::from_f64(8709.97), Ok(Patients(870_997)));
        assert_eq!(Patients::from_f64(-1.0), Err(QuantityError::Negative));
        assert_eq!(Patients::from_f64(f64::NAN), Err(QuantityError::NotFinite));
        assert_eq!(
            Patients::from_f64(f64::INFINITY),
            Err(QuantityError::NotFinite)
        );
        assert_eq!(Patients::from_f64(2e9), Err(QuantityError::TooLarge));
    }

    #[test]
    fn rate_times_base_rounds_to_the_penny() {
        let participation = Rate::from_pounds(1.761).expect("valid rate");
        assert_eq!(participation, Rate(17_610));
        // 8709.97 × 1.761 = 15,338.257… → £15,338.26
        assert_eq!(participation.pence_for(870_997), Pence(1_533_826));
        // 50,000 × 1.761 = 88,050 exactly.
        assert_eq!(participation.pence_for(5_000_000), Pence(8_805_000));
        // Half a penny rounds away from zero: 0.005 → 0.01.
        assert_eq!(Rate(5).pence_for(100), Pence(0));
        assert_eq!(Rate(50).pence_for(100), Pence(1));
        assert_eq!(Rate::from_pounds(1.23456), None);
        assert_eq!(Rate::from_pounds(-1.0), None);
    }

    #[test]
    fn formatting() {
        assert_eq!(Pence(123_456_789).to_display_string(), "£1,234,567.89");
        assert_eq!(Pence(-500).to_display_string(), "−£5.00");
        assert_eq!(Pence(-5).to_plain_string(), "-0.05");
        assert_eq!(Pence(8_805_000).to_plain_string(), "88050.00");
        assert_eq!(Pence(123_450).to_whole_pounds_string(), "£1,235");
        assert_eq!(format_hundredths(402_925), "4029.25");
        assert_eq!(format_hundredths(485_700), "4857");
        assert_eq!(format_hundredths(540), "5.4");
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(format_patients_whole(Patients(984_625)), "9,846");
        assert_eq!(Rate(17_610).to_string(), "1.761");
        assert_eq!(Rate(1_200_000).to_string(), "120");
    }
}
