// Partition intervals and the slots they cut time into. One slot is one partition; its
// bounds are aligned so that every run, on any server, computes the same partitions.

#include <cstdio>

#include "partition/internal.hpp"

namespace fitness::partition {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

struct Fields {
  int year, month, day, hour, minute, second;
};

Fields fields_of(std::int64_t t) {
  pg_tm tm{};
  fsec_t fsec = 0;
  int rc = pg::pg_call([&] { return timestamp2tm(t, nullptr, &tm, &fsec, nullptr, nullptr); });
  if (rc != 0) throw pg::Error(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "partition bound out of range");
  return {tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec};
}

std::int64_t month_start(std::int64_t month_index) {
  pg_tm tm{};
  tm.tm_year = static_cast<int>(month_index / 12);
  tm.tm_mon = static_cast<int>(month_index % 12) + 1;
  tm.tm_mday = 1;
  Timestamp result = 0;
  int rc = pg::pg_call([&] { return tm2timestamp(&tm, 0, nullptr, &result); });
  if (rc != 0) throw pg::Error(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "partition bound out of range");
  return result;
}

std::int64_t month_index(std::int64_t t) {
  Fields f = fields_of(t);
  return static_cast<std::int64_t>(f.year) * 12 + (f.month - 1);
}

constexpr std::int64_t kMonday20000103 = 2;  // 2000-01-03, a Monday, in days since 2000-01-01

}  // namespace

Stride stride_of(const Interval& interval, KeyType key) {
  Stride s;
  bool only_months = interval.month > 0 && interval.day == 0 && interval.time == 0;
  bool only_days = interval.month == 0 && interval.day > 0 && interval.time == 0;
  bool only_hours = interval.month == 0 && interval.day == 0 && interval.time > 0 &&
                    interval.time % USECS_PER_HOUR == 0;
  if (only_months) s.months = interval.month;
  if (only_days) s.days = interval.day;
  if (only_hours && key != KeyType::kDate)
    s.hours = static_cast<int>(interval.time / USECS_PER_HOUR);
  if (s.months == 0 && s.days == 0 && s.hours == 0)
    throw pg::Error(ERRCODE_INVALID_PARAMETER_VALUE,
                    "partition_interval " + interval_text(interval) +
                        " is not whole months, whole days or whole hours",
                    only_hours ? "a date partition key takes months or days" : "",
                    "For example interval '1 month', '7 days', '1 day' or '6 hours'.");
  return s;
}

std::int64_t slot_start(std::int64_t t, const Stride& s) {
  if (s.months > 0) {
    std::int64_t m = month_index(t);
    return month_start(m - (((m % s.months) + s.months) % s.months));
  }
  if (s.days > 0) {
    std::int64_t day = floor_div(t, USECS_PER_DAY);
    std::int64_t origin = s.days == 7 ? kMonday20000103 : 0;
    return (floor_div(day - origin, s.days) * s.days + origin) * USECS_PER_DAY;
  }
  std::int64_t width = static_cast<std::int64_t>(s.hours) * USECS_PER_HOUR;
  return floor_div(t, width) * width;
}

std::int64_t slot_add(std::int64_t start, const Stride& s, int count) {
  if (s.months > 0)
    return month_start(month_index(start) + static_cast<std::int64_t>(count) * s.months);
  if (s.days > 0) return start + static_cast<std::int64_t>(count) * s.days * USECS_PER_DAY;
  return start + static_cast<std::int64_t>(count) * s.hours * USECS_PER_HOUR;
}

std::string bound_literal(std::int64_t t, KeyType key) {
  Fields f = fields_of(t);
  char text[64];
  if (key == KeyType::kDate)
    snprintf(text, sizeof text, "%04d-%02d-%02d", f.year, f.month, f.day);
  else
    snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d%s", f.year, f.month, f.day, f.hour,
             f.minute, f.second, key == KeyType::kTimestampTz ? "+00" : "");
  return text;
}

std::string slot_suffix(std::int64_t t, const Stride& s) {
  Fields f = fields_of(t);
  char text[32];
  if (s.months > 0)
    snprintf(text, sizeof text, "%04d%02d", f.year, f.month);
  else if (s.days > 0)
    snprintf(text, sizeof text, "%04d%02d%02d", f.year, f.month, f.day);
  else
    snprintf(text, sizeof text, "%04d%02d%02d_%02d", f.year, f.month, f.day, f.hour);
  return text;
}

std::int64_t key_to_micros(Datum value, KeyType key) {
  if (key == KeyType::kDate)
    return static_cast<std::int64_t>(DatumGetDateADT(value)) * USECS_PER_DAY;
  return DatumGetTimestamp(value);
}

std::string interval_text(const Interval& interval) {
  // The same text whatever the session's IntervalStyle: messages and pg_partman's
  // p_interval read it.
  auto unit = [](std::int64_t n, const char* name) {
    return std::to_string(n) + " " + name + (n == 1 || n == -1 ? "" : "s");
  };
  std::string out;
  auto add = [&](const std::string& part) { out += (out.empty() ? "" : " ") + part; };
  if (interval.month != 0) {
    if (interval.month % 12 == 0)
      add(unit(interval.month / 12, "year"));
    else
      add(unit(interval.month, "month"));
  }
  if (interval.day != 0) add(unit(interval.day, "day"));
  std::int64_t t = interval.time;
  if (t != 0) {
    if (t % USECS_PER_HOUR == 0)
      add(unit(t / USECS_PER_HOUR, "hour"));
    else if (t % USECS_PER_MINUTE == 0)
      add(unit(t / USECS_PER_MINUTE, "minute"));
    else if (t % USECS_PER_SEC == 0)
      add(unit(t / USECS_PER_SEC, "second"));
    else
      add(unit(t, "microsecond"));
  }
  return out.empty() ? "0 days" : out;
}

}  // namespace fitness::partition
