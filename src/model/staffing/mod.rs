//! Staffing under the Additional Roles Reimbursement Scheme (ARRS): the roles and their maxima
//! per year ([`roles`]), a scenario's staff plan ([`plan`]) and each hub's entitlement, claimable
//! amount and headroom ([`figures`]), which follow practices as they move.

pub mod figures;
pub mod plan;
pub mod roles;

pub use figures::{
    ARRS_LINE_IDS, ArrsFigures, ENGLAND_ARRS_FTE_PER_10K, ENGLAND_GP_FTE_PER_10K,
    ENGLAND_NURSE_FTE_PER_10K, arrs_figures, per_10k, row_cost_and_claim,
};
pub use plan::{Employer, MONTHS, MaximumKey, MaximumOverride, StaffPlan, StaffRow, check_rows};
pub use roles::{PayArea, Role, RoleGroup, catalogue};
