//! Lifetimes a learner may choose, and how out-of-range choices are handled.

pub use app::api::{AppliedTtl, TtlSource};

/// The shortest lifetime a login may ask for, in seconds.
pub const MIN_TTL_SECS: i64 = 2;
/// The longest lifetime a login may ask for: one day.
pub const MAX_TTL_SECS: i64 = 86_400;

/// Session idle timeout when the login does not choose one: 15 minutes.
pub const DEFAULT_SESSION_IDLE_SECS: i64 = 15 * 60;
/// Session absolute lifetime: 8 hours, never extended.
pub const DEFAULT_SESSION_ABSOLUTE_SECS: i64 = 8 * 60 * 60;
/// Access-token lifetime when the login does not choose one: 15 minutes.
pub const DEFAULT_TOKEN_SECS: i64 = 15 * 60;

/// Applies the lab's rule: absent means `default`, out of range clamps to `[2, 86400]`.
pub fn apply_ttl(requested: Option<i64>, default: i64) -> AppliedTtl {
    match requested {
        None => AppliedTtl {
            secs: default,
            source: TtlSource::Default,
        },
        Some(secs) if (MIN_TTL_SECS..=MAX_TTL_SECS).contains(&secs) => AppliedTtl {
            secs,
            source: TtlSource::Requested,
        },
        Some(secs) => AppliedTtl {
            secs: secs.clamp(MIN_TTL_SECS, MAX_TTL_SECS),
            source: TtlSource::Clamped,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_ttl_uses_the_default() {
        assert_eq!(
            apply_ttl(None, 900),
            AppliedTtl {
                secs: 900,
                source: TtlSource::Default
            }
        );
    }

    #[test]
    fn in_range_ttl_applies_as_requested_including_both_bounds() {
        for secs in [2, 3, 60, 86_400] {
            assert_eq!(
                apply_ttl(Some(secs), 900),
                AppliedTtl {
                    secs,
                    source: TtlSource::Requested
                }
            );
        }
    }

    #[test]
    fn out_of_range_ttl_clamps_to_the_nearest_bound() {
        assert_eq!(apply_ttl(Some(1), 900).secs, 2);
        assert_eq!(apply_ttl(Some(0), 900).secs, 2);
        assert_eq!(apply_ttl(Some(-50), 900).secs, 2);
        assert_eq!(apply_ttl(Some(86_401), 900).secs, 86_400);
        assert_eq!(apply_ttl(Some(i64::MAX), 900).secs, 86_400);
        assert_eq!(apply_ttl(Some(1), 900).source, TtlSource::Clamped);
    }
}
