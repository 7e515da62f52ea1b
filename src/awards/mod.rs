//! Federal award records as evidence: the id grammar (offline) and, with the `online`
//! feature, `icelist awards check` and `awards find` against USAspending's API.

pub mod names;
#[cfg(feature = "online")]
pub mod agency;
#[cfg(feature = "online")]
pub mod check;
#[cfg(feature = "online")]
pub mod download;
#[cfg(feature = "online")]
pub mod find;
#[cfg(feature = "online")]
pub mod record;

pub use crate::model::award_id::{AwardId, AwardKind, IdProblem};

/// The page of an award on USAspending.gov, which the site links.
pub fn award_page(id: &str) -> String {
    format!("https://www.usaspending.gov/award/{id}")
}
