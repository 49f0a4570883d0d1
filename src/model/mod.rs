//! The pure core: regions, practices, hubs, scenarios, rule sets and metrics.
//!
//! Nothing here draws, reads files or knows the time; every function can be called from a test.

pub mod action;
pub mod apply;
pub mod coast;
pub mod compare;
pub mod constraints;
pub mod data_actions;
pub mod dates;
pub mod document;
pub mod format;
pub mod geo;
pub mod growth;
pub mod hub;
pub mod merge;
pub mod metrics;
pub mod optimise;
pub mod palette;
pub mod practice;
pub mod provenance;
pub mod quantity;
pub mod rate_actions;
pub mod region;
pub mod rule_edits;
pub mod rule_files;
pub mod rules;
pub mod scenario;
pub mod snapshot;
pub mod staff_actions;
pub mod staffing;
pub mod text;

pub use action::{Action, ActionError, Applied, Touched};
pub use apply::{apply, describe, hand_move};
pub use document::Document;
pub use hub::{Band, Hub, HubId};
pub use metrics::{GroupFigures, Metrics, RegionTotals, group_figures};
pub use practice::{LatLon, Practice, PracticeId};
pub use provenance::{Provenance, Source};
pub use quantity::{Beds, Fte, Patients, Pence, Rate};
pub use region::{Region, RegionError};
pub use rule_edits::{LocalLine, RateOverride, RuleEdits};
pub use rules::{Base, FundingLine, PaidTo, RuleSet, RuleYear};
pub use scenario::{AdjustedSource, Scenario, ScenarioError, WORKSHOP_START};
pub use snapshot::Snapshot;
pub use staffing::{ArrsFigures, Employer, PayArea, StaffPlan, StaffRow};
