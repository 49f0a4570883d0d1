//! Display names and search keys of a region's practices, computed once per region.

use crate::model::{PracticeId, Region};
use std::sync::Arc;

/// Title-cased names and lower-case search keys, indexed by practice.
#[derive(Default)]
pub struct PracticeNames {
    region: Option<Arc<Region>>,
    names: Vec<String>,
    /// `name code postcode`, lower case.
    keys: Vec<String>,
}

impl PracticeNames {
    /// Recomputes when the region changes.
    pub fn ensure(&mut self, region: &Arc<Region>) {
        if self
            .region
            .as_ref()
            .is_some_and(|known| Arc::ptr_eq(known, region))
        {
            return;
        }
        self.names = region
            .practices()
            .iter()
            .map(|practice| practice.display_name())
            .collect();
        self.keys = region
            .practices()
            .iter()
            .zip(&self.names)
            .map(|(practice, name)| {
                format!("{name} {} {}", practice.code, practice.postcode).to_lowercase()
            })
            .collect();
        self.region = Some(region.clone());
    }

    pub fn name(&self, practice: PracticeId) -> &str {
        self.names
            .get(practice.index())
            .map_or("(unknown practice)", String::as_str)
    }

    /// Whether the practice matches a lower-case query.
    pub fn matches(&self, practice: PracticeId, lower_query: &str) -> bool {
        self.keys
            .get(practice.index())
            .is_some_and(|key| key.contains(lower_query))
    }
}
