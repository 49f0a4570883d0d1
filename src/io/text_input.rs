//! Checks every text reader makes before parsing: the encoding (UTF-16 "Unicode text" is what
//! spreadsheets and Notepad often save), and values shortened for messages.

use super::error::Problem;

/// Bytes looked at to recognise UTF-16 without a byte-order mark.
const SAMPLE_BYTES: usize = 4096;

/// The problem of a file saved as UTF-16 (with or without a byte-order mark); `save_as` says
/// what to save it as instead ("CSV UTF-8", "UTF-8").
pub(crate) fn encoding_problem(bytes: &[u8], save_as: &str) -> Option<Problem> {
    is_utf16(bytes).then(|| {
        Problem::new(format!(
            "the file is saved as UTF-16 ('Unicode text'); save it as {save_as}"
        ))
    })
}

/// A UTF-16 byte-order mark, or text whose every other byte is zero (ASCII text in UTF-16).
fn is_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return true;
    }
    let sample = &bytes[..bytes.len().min(SAMPLE_BYTES)];
    if sample.len() < 4 {
        return false;
    }
    let pairs = sample.len() / 2;
    let zeros_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|byte| **byte == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    // Mostly-zero bytes on one side only, as ASCII letters in UTF-16 LE or BE give.
    (even * 10 >= pairs * 7 && odd * 10 <= pairs) || (odd * 10 >= pairs * 7 && even * 10 <= pairs)
}

/// A value as quoted in a message: long ones (a 309-digit number, a pasted paragraph) are cut,
/// saying how long they were.
pub fn shorten(text: &str) -> String {
    const KEEP: usize = 24;
    let chars = text.chars().count();
    if chars <= KEEP + 8 {
        text.to_string()
    } else {
        let head: String = text.chars().take(KEEP).collect();
        format!("{head}… ({chars} characters)")
    }
}

/// `1e300` rather than three hundred digits.
pub fn show_number(value: f64) -> String {
    if value.is_finite() && value.abs() >= 1e15 {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_utf16_with_and_without_bom() {
        let utf16le: Vec<u8> = "practice_code,practice_name\r\nA1,One\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let utf16be: Vec<u8> = "practice_code,practice_name\r\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert!(is_utf16(&utf16le));
        assert!(is_utf16(&utf16be));
        assert!(is_utf16(b"\xFF\xFEp\0"));
        assert!(!is_utf16(b"practice_code,practice_name\n"));
        assert!(!is_utf16("é,ü,ß,€".as_bytes()));
        let problem = encoding_problem(&utf16le, "CSV UTF-8").expect("utf-16");
        assert_eq!(
            problem.message,
            "the file is saved as UTF-16 ('Unicode text'); save it as CSV UTF-8"
        );
    }

    #[test]
    fn long_values_are_shortened() {
        assert_eq!(shorten("4029,25"), "4029,25");
        let digits = "9".repeat(309);
        assert_eq!(
            shorten(&digits),
            "999999999999999999999999… (309 characters)"
        );
        assert_eq!(show_number(1e300), "1e300");
        assert_eq!(show_number(4029.25), "4029.25");
    }
}
