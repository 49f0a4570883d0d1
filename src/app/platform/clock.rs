//! The clock of the window. `web_time` is std's `Instant` on the desktop and the browser's
//! `performance.now()` on the web, where std's `Instant::now` panics.

pub use web_time::Instant;

use std::time::Duration;

/// A moment on the clock by which something may happen (outside this module the window speaks
/// of deadlines, never of the clock itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline(Instant);

impl Deadline {
    /// `wait` from now.
    pub fn after(wait: Duration) -> Self {
        Self(Instant::now() + wait)
    }

    /// How long until the deadline; `None` once it has passed.
    pub fn remaining(&self) -> Option<Duration> {
        self.0.checked_duration_since(Instant::now())
    }
}

/// Time since a start, for a background job that reports how far it got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopwatch(Instant);

impl Stopwatch {
    pub fn start() -> Self {
        Self(Instant::now())
    }

    pub fn elapsed_secs(&self) -> f64 {
        self.0.elapsed().as_secs_f64()
    }
}
