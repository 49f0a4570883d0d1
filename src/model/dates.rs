//! Calendar dates as NHS files write them (ISO `2026-04-01`), as day numbers and back, without
//! a time zone database: the span between two extracts, and the day printed on a picture.

/// Days since 1970-01-01 of an ISO date `2026-04-01`; `None` for anything else.
pub fn iso_day_number(date: &str) -> Option<i64> {
    let bytes = date.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year: i64 = date.get(0..4)?.parse().ok()?;
    let month: i64 = date.get(5..7)?.parse().ok()?;
    let day: i64 = date.get(8..10)?.parse().ok()?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&month) || day < 1 || day > month_days[(month - 1) as usize] {
        return None;
    }
    // Days from civil (H. Hinnant's algorithm), counting from 1 March so leap days come last.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

/// The ISO date of a day number (days since 1970-01-01), the inverse of [`iso_day_number`].
pub fn iso_date_of_day(days: i64) -> String {
    // Civil from days (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Years from `earlier` to `later` (ISO dates), in days / 365.25; `None` unless both are dates
/// and `later` comes after `earlier`.
pub fn years_between(earlier: &str, later: &str) -> Option<f64> {
    let days = iso_day_number(later)? - iso_day_number(earlier)?;
    (days > 0).then(|| days as f64 / 365.25)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_are_civil_days() {
        assert_eq!(iso_day_number("1970-01-01"), Some(0));
        assert_eq!(iso_day_number("2000-03-01"), Some(11_017));
        assert_eq!(iso_day_number("2021-01-01"), Some(18_628));
        assert_eq!(iso_day_number("2026-04-01"), Some(20_544));
        assert_eq!(iso_day_number("2024-02-29"), Some(19_782));
        assert_eq!(iso_day_number("2023-02-29"), None);
        assert_eq!(iso_day_number("01JAN2021"), None);
        assert_eq!(iso_day_number("2021-13-01"), None);
        for date in [
            "1970-01-01",
            "2000-02-29",
            "2021-01-01",
            "2026-12-02",
            "2100-03-01",
        ] {
            let day = iso_day_number(date).expect("a date");
            assert_eq!(iso_date_of_day(day), date);
        }
    }

    #[test]
    fn five_years_and_a_quarter() {
        // 2021-01-01 to 2026-04-01 is 1,916 days.
        let years = years_between("2021-01-01", "2026-04-01").expect("a span");
        assert!((years - 1916.0 / 365.25).abs() < 1e-12);
        assert_eq!(years_between("2026-04-01", "2021-01-01"), None);
        assert_eq!(years_between("2026-04-01", "2026-04-01"), None);
    }
}
