//! Text that is safe to keep, show in a terminal and write to a file: no control characters
//! (ESC, NUL, CR, LF, …) and no bidirectional overrides, which can fake or hide what a row says.
//! Codes (ODS practice codes, PCN codes) are compared trimmed and upper-case.

use std::borrow::Cow;

/// True for a character no name, code, title or reason may hold: a control character (C0, DEL,
/// C1) or a bidirectional embedding, override, isolate or mark.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// The first unsafe character of a one-line text (a name, code, title or reason), if any.
pub fn unsafe_char(text: &str) -> Option<char> {
    text.chars().find(|c| is_unsafe_char(*c))
}

/// The first unsafe character of a multi-line text (notes): line feeds and tabs are allowed.
pub fn unsafe_char_multiline(text: &str) -> Option<char> {
    text.chars()
        .find(|c| is_unsafe_char(*c) && !matches!(c, '\n' | '\t'))
}

/// How an unsafe character is named in a message: `U+001B`.
pub fn describe_char(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// The text on one line without unsafe characters (for anything written out: exports, reports,
/// the terminal): line breaks and tabs become spaces, other unsafe characters are removed.
pub fn without_unsafe_chars(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_unsafe_char) {
        Cow::Owned(
            text.chars()
                .filter_map(|c| match c {
                    '\n' | '\t' => Some(' '),
                    '\r' => None,
                    c if is_unsafe_char(c) => None,
                    c => Some(c),
                })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// The text without unsafe characters except line feeds (for multi-line output: a report table).
pub fn without_unsafe_chars_multiline(text: &str) -> Cow<'_, str> {
    let unsafe_here = |c: &char| is_unsafe_char(*c) && *c != '\n';
    if text.chars().any(|c| unsafe_here(&c)) {
        Cow::Owned(text.chars().filter(|c| !unsafe_here(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// A practice or PCN code as compared and stored: trimmed, ASCII letters upper-case
/// (`" h82003 "` → `H82003`). ODS codes are upper-case letters and digits.
pub fn normalise_code(code: &str) -> Cow<'_, str> {
    let trimmed = code.trim();
    if trimmed.len() == code.len() && !trimmed.bytes().any(|b| b.is_ascii_lowercase()) {
        Cow::Borrowed(code)
    } else {
        Cow::Owned(trimmed.to_ascii_uppercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_controls_and_bidi_overrides() {
        assert_eq!(unsafe_char("Meadows Surgery"), None);
        assert_eq!(unsafe_char("A\u{1b}[2J"), Some('\u{1b}'));
        assert_eq!(unsafe_char("evil\u{202E}gnp"), Some('\u{202E}'));
        assert_eq!(unsafe_char("two\nlines"), Some('\n'));
        assert_eq!(unsafe_char_multiline("two\nlines\tok"), None);
        assert_eq!(unsafe_char_multiline("cr\r\n"), Some('\r'));
        assert_eq!(describe_char('\u{1b}'), "U+001B");
        assert_eq!(without_unsafe_chars("a\u{0}b\u{2066}c\r\nd"), "abc d");
    }

    #[test]
    fn codes_are_trimmed_and_upper_case() {
        assert_eq!(normalise_code(" h82003 "), "H82003");
        assert_eq!(normalise_code("U06871"), "U06871");
        assert!(matches!(normalise_code("U06871"), Cow::Borrowed(_)));
        assert_eq!(normalise_code("né1"), "Né1");
    }
}
