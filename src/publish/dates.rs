//! The article's date as a site wants it: local time in the site's time
//! zone, and UTC (`date_gmt`). A date written with an offset (`…+02:00`,
//! `…Z`) is that instant; a date without one is the site's local time.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};

/// A post date: the site's local time and UTC, both `YYYY-MM-DDTHH:MM:SS`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostDate {
    pub local: String,
    pub gmt: String,
    pub instant: Timestamp,
}

impl PostDate {
    pub fn is_future(&self) -> bool {
        self.instant > Timestamp::now()
    }
}

/// The site's time zone from what its REST index says: `timezone_string`
/// (`Europe/Rome`) when set and known, else the fixed `gmt_offset` in hours.
pub fn site_zone(timezone_string: &str, gmt_offset_hours: f64) -> TimeZone {
    if !timezone_string.trim().is_empty()
        && let Ok(tz) = TimeZone::get(timezone_string.trim())
    {
        return tz;
    }
    let seconds = (gmt_offset_hours * 3600.0).round() as i32;
    Offset::from_seconds(seconds)
        .map(TimeZone::fixed)
        .unwrap_or(TimeZone::UTC)
}

/// Reads an article date; `None` for an empty one, `Err` for one no site
/// could take.
pub fn post_date(date: &str, zone: &TimeZone) -> Result<Option<PostDate>, String> {
    let date = date.trim();
    if date.is_empty() {
        return Ok(None);
    }
    let instant = if let Ok(ts) = date.parse::<Timestamp>() {
        ts
    } else {
        let civil = date
            .parse::<DateTime>()
            .or_else(|_| date.replacen(' ', "T", 1).parse::<DateTime>())
            .or_else(|_| date.parse::<Date>().map(|d| d.to_datetime(jiff::civil::time(0, 0, 0, 0))))
            .map_err(|_| {
                format!("the date {date:?} is not a date a site can take (write 2026-12-01 or 2026-12-01T09:30)")
            })?;
        zone.to_ambiguous_zoned(civil)
            .compatible()
            .map_err(|e| format!("the date {date:?}: {e}"))?
            .timestamp()
    };
    let fmt = "%Y-%m-%dT%H:%M:%S";
    Ok(Some(PostDate {
        local: instant.to_zoned(zone.clone()).strftime(fmt).to_string(),
        gmt: instant.to_zoned(TimeZone::UTC).strftime(fmt).to_string(),
        instant,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_site_local_and_utc() {
        let rome = site_zone("", 1.0);
        let d = post_date("2022-03-01", &rome).unwrap().unwrap();
        assert_eq!(d.local, "2022-03-01T00:00:00");
        assert_eq!(d.gmt, "2022-02-28T23:00:00");
        let d = post_date("2022-03-01 10:30", &rome).unwrap().unwrap();
        assert_eq!(d.gmt, "2022-03-01T09:30:00");
        let d = post_date("2022-03-01T10:30:00+05:00", &rome)
            .unwrap()
            .unwrap();
        assert_eq!(
            (d.local.as_str(), d.gmt.as_str()),
            ("2022-03-01T06:30:00", "2022-03-01T05:30:00")
        );
        assert_eq!(post_date(" ", &rome).unwrap(), None);
        assert!(
            post_date("next Tuesday", &rome)
                .unwrap_err()
                .contains("not a date")
        );
        assert!(!post_date("2022-03-01", &rome).unwrap().unwrap().is_future());
        assert!(post_date("2999-01-01", &rome).unwrap().unwrap().is_future());
    }
}
