//! A RON map read as pairs in file order, so that a key given twice is reported, not dropped
//! (the file's assignments, reasons, baseline hubs and pay areas).

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A RON map kept as pairs in file order, so that a key given twice is reported, not dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PairList(pub Vec<(String, String)>);

impl PairList {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for PairList {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for PairList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PairVisitor;
        impl<'de> Visitor<'de> for PairVisitor {
            type Value = PairList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of codes, e.g. { \"H82003\": \"U06871\" }")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<PairList, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = access.next_entry::<String, String>()? {
                    pairs.push(pair);
                }
                Ok(PairList(pairs))
            }
        }
        deserializer.deserialize_map(PairVisitor)
    }
}
