//! The one reader of revision ranges, for `diff` and `changelog` (issue #24 found them
//! disagreeing: one refused `A...B`, the other handed `.B` to git).

/// What `A..B` or a single revision names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevisionRange<'a> {
    /// One revision: compared with what follows it in the command (the working tree for
    /// `diff`; for `changelog`, the whole history up to it).
    One(&'a str),
    /// `A..B`: from `A` to `B`.
    Between(&'a str, &'a str),
}

/// Why a range cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RangeError {
    #[error(
        "{0:?}: A...B (three dots) compares with the merge base in git; icelist compares two revisions: write A..B"
    )]
    ThreeDots(String),
    #[error("{0:?}: a range needs a revision on each side of `..` (A..B)")]
    OpenSide(String),
    #[error("{0:?}: a revision cannot be empty or start with `-`")]
    BadRevision(String),
}

impl<'a> RevisionRange<'a> {
    pub fn parse(text: &'a str) -> Result<Self, RangeError> {
        let revision = |side: &'a str| {
            if side.is_empty() || side.starts_with('-') {
                Err(RangeError::BadRevision(text.to_owned()))
            } else {
                Ok(side)
            }
        };
        if text.contains("...") {
            return Err(RangeError::ThreeDots(text.to_owned()));
        }
        match text.split_once("..") {
            None => Ok(RevisionRange::One(revision(text)?)),
            Some((from, to)) if from.is_empty() || to.is_empty() || to.starts_with('.') => {
                Err(RangeError::OpenSide(text.to_owned()))
            }
            Some((from, to)) => Ok(RevisionRange::Between(revision(from)?, revision(to)?)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_dots_one_revision_and_every_malformed_range() {
        assert_eq!(RevisionRange::parse("v1"), Ok(RevisionRange::One("v1")));
        assert_eq!(
            RevisionRange::parse("HEAD~2..main"),
            Ok(RevisionRange::Between("HEAD~2", "main"))
        );
        assert!(matches!(
            RevisionRange::parse("a...b"),
            Err(RangeError::ThreeDots(_))
        ));
        assert!(matches!(
            RevisionRange::parse("a....b"),
            Err(RangeError::ThreeDots(_))
        ));
        for open in ["..b", "a..", ".."] {
            assert!(
                matches!(RevisionRange::parse(open), Err(RangeError::OpenSide(_))),
                "{open}"
            );
        }
        for bad in ["", "-a", "a..-b", "--output=x"] {
            assert!(
                matches!(RevisionRange::parse(bad), Err(RangeError::BadRevision(_))),
                "{bad}"
            );
        }
    }
}
