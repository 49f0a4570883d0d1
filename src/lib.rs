//! pcn-explorer: group GP practices into hubs and see population, staffing and funding.

pub mod io;
pub mod model;
