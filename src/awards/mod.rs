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
    format!("https://www.usaspending.gov/award/{}", path_segment(id))
}

/// An id in a URL path: the grammar's characters pass, anything else is escaped (a typed id
/// that breaks the grammar must not reach another endpoint).
pub(crate) fn path_segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_never_leaves_its_path_segment() {
        let id = "CONT_AWD_A-1_ZZ01_-NONE-_-NONE-";
        assert_eq!(path_segment(id), id);
        assert_eq!(path_segment("../search/?x=1 y"), "%2E%2E%2Fsearch%2F%3Fx%3D1%20y");
        assert_eq!(
            award_page("X) [a](b)\n"),
            "https://www.usaspending.gov/award/X%29%20%5Ba%5D%28b%29%0A"
        );
    }
}
