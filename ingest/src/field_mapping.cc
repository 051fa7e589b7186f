#include "field_mapping.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <string_view>

namespace sift::ingest {
namespace {

constexpr const char* kFieldNames[kFieldCount] = {
    "id",           "text",   "question", "respondent_type",
    "organisation", "sector", "district", "date"};

// Column names (as ColumnKey() gives them) that a field takes by default,
// in order of preference.
const std::vector<std::vector<std::string>>& Aliases() {
  static const std::vector<std::vector<std::string>> kAliases = {
      {"id", "response id", "respondent id", "submission id", "record id",
       "reference", "ref"},
      {"text", "response", "response text", "answer", "comment", "comments",
       "feedback", "message", "body"},
      {"question", "question text", "question id"},
      {"respondent type", "user type", "type", "respondent category",
       "responding as", "capacity"},
      {"organisation", "organization", "organisation name", "organization name",
       "org", "company", "company name"},
      {"sector", "industry", "business sector"},
      {"district", "local authority", "borough", "area", "location"},
      {"date", "date submitted", "submitted", "submission date",
       "feedback date", "response date", "created", "created at", "timestamp"},
  };
  return kAliases;
}

// Lower-cased words of `name` separated by single spaces.
std::string ColumnKey(const std::string& name) {
  std::string key;
  for (unsigned char c : name) {
    if (std::isalnum(c) || c >= 0x80) {
      key.push_back(static_cast<char>(std::tolower(c)));
    } else if (!key.empty() && key.back() != ' ') {
      key.push_back(' ');
    }
  }
  while (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

int FindColumn(const std::vector<std::string>& columns,
               const std::string& wanted) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == wanted) return static_cast<int>(i);
  }
  std::string key = ColumnKey(wanted);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (ColumnKey(columns[i]) == key) return static_cast<int>(i);
  }
  return -1;
}

// "#7" or "#7-12": 1-based column positions; empty when `pattern` is not
// such a range or it is out of bounds.
std::vector<int> ColumnRange(std::size_t width, const std::string& pattern) {
  int first = 0, last = 0, used = 0;
  if (std::sscanf(pattern.c_str(), "#%d%n-%d%n", &first, &used, &last, &used) <
      1) {
    return {};
  }
  if (static_cast<std::size_t>(used) != pattern.size()) return {};
  if (last == 0) last = first;
  if (first < 1 || last < first || static_cast<std::size_t>(last) > width) {
    return {};
  }
  std::vector<int> out;
  for (int c = first; c <= last; ++c) out.push_back(c - 1);
  return out;
}

// Columns that a --text pattern selects: exact name, "#N" or "#N-M"
// positions, word-boundary prefix, or a prefix ending in '*'.
std::vector<int> MatchTextPattern(const std::vector<std::string>& columns,
                                  const std::string& pattern) {
  if (pattern.starts_with('#')) return ColumnRange(columns.size(), pattern);
  int exact = FindColumn(columns, pattern);
  if (exact >= 0) return {exact};
  std::vector<int> hits;
  bool glob = !pattern.empty() && pattern.back() == '*';
  std::string prefix = glob ? pattern.substr(0, pattern.size() - 1) : pattern;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const std::string& c = columns[i];
    if (c.size() < prefix.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < prefix.size() && same; ++k) {
      same = std::tolower(static_cast<unsigned char>(c[k])) ==
             std::tolower(static_cast<unsigned char>(prefix[k]));
    }
    if (!same) continue;
    bool boundary = c.size() == prefix.size() ||
                    !std::isalnum(static_cast<unsigned char>(c[prefix.size()]));
    if (glob || boundary) hits.push_back(static_cast<int>(i));
  }
  return hits;
}

std::string Quoted(const std::string& s) { return "'" + s + "'"; }

}  // namespace

const char* FieldName(Field field) { return kFieldNames[field]; }

namespace {

// The resolution in progress: the plan and which columns are taken.
struct Resolution {
  const std::vector<std::string>& columns;
  const std::string& path;
  bool strict;  // columns are all known: a missing one is an error
  ColumnPlan plan;
  std::vector<bool> used;
};

Status ApplyExplicitColumns(const FieldMapping& mapping, Resolution* r) {
  for (const auto& [field, column] : mapping.explicit_columns) {
    int f = 0;
    while (f < kFieldCount && field != kFieldNames[f]) ++f;
    int c = FindColumn(r->columns, column);
    if (f < kFieldCount && c < 0 && !r->strict) continue;  // not seen yet
    if (f == kFieldCount || c < 0) {
      return Status::InvalidArgument(r->path + ": --map " + field + "=" +
                                     column + ": no column " + Quoted(column));
    }
    r->plan.field_column[f] = c;
    r->used[c] = true;
  }
  return Status::Ok();
}

Status ApplyTextPatterns(const FieldMapping& mapping, Resolution* r) {
  for (const std::string& pattern : mapping.text_columns) {
    std::vector<int> hits = MatchTextPattern(r->columns, pattern);
    if (hits.empty() && !r->strict) continue;  // not seen yet
    if (hits.empty()) {
      return Status::InvalidArgument(r->path + ": --text " + Quoted(pattern) +
                                     " matches no column");
    }
    bool several =
        (!pattern.empty() && pattern.back() == '*') || pattern.starts_with('#');
    if (hits.size() > 1 && !several) {
      return Status::InvalidArgument(
          r->path + ": --text " + Quoted(pattern) + " matches " +
          std::to_string(hits.size()) + " columns (" +
          Quoted(r->columns[hits[0]]) + ", " + Quoted(r->columns[hits[1]]) +
          " ...); give more of the name");
    }
    for (int c : hits) {
      if (r->used[c]) continue;
      r->plan.text_columns.push_back(c);
      r->used[c] = true;
    }
  }
  return Status::Ok();
}

void ApplyAliases(Resolution* r) {
  for (int f = 0; f < kFieldCount; ++f) {
    if (r->plan.field_column[f] >= 0 || (f == kText && r->plan.wide()))
      continue;
    for (const std::string& alias : Aliases()[f]) {
      for (std::size_t c = 0; c < r->columns.size(); ++c) {
        if (!r->used[c] && ColumnKey(r->columns[c]) == alias) {
          r->plan.field_column[f] = static_cast<int>(c);
          r->used[c] = true;
          break;
        }
      }
      if (r->plan.field_column[f] >= 0) break;
    }
  }
}

// Question keys (unique in the file) and labels for the text columns.
void NameQuestions(const std::vector<std::string>& columns, ColumnPlan* plan) {
  for (int c : plan->text_columns) {
    std::string key = Slug(columns[c]).substr(0, 32);
    while (!key.empty() && key.back() == '_') key.pop_back();
    if (key.empty()) key = "column";
    if (std::find(plan->question_keys.begin(), plan->question_keys.end(),
                  key) != plan->question_keys.end()) {
      key.append("_").append(std::to_string(c + 1));
    }
    plan->question_keys.push_back(key);
    int same_header = 0;
    for (int other : plan->text_columns) {
      same_header += ColumnKey(columns[other]) == ColumnKey(columns[c]);
    }
    plan->question_labels.push_back(
        same_header > 1 ? columns[c] + " [column " + std::to_string(c + 1) + "]"
                        : columns[c]);
  }
}

}  // namespace

Result<ColumnPlan> ResolveColumns(const std::vector<std::string>& columns,
                                  const FieldMapping& mapping,
                                  const std::string& path, bool require_text) {
  Resolution r{
      columns, path, require_text, {}, std::vector<bool>(columns.size())};
  r.plan.field_column.fill(-1);
  SIFT_RETURN_IF_ERROR(ApplyExplicitColumns(mapping, &r));
  SIFT_RETURN_IF_ERROR(ApplyTextPatterns(mapping, &r));
  ApplyAliases(&r);
  if (require_text && !r.plan.wide() && r.plan.field_column[kText] < 0) {
    return Status::InvalidArgument(
        path +
        ": no text column (looked for 'text', 'response', 'answer', "
        "'comment'...): pass --map text=COLUMN, or --text COLUMN for "
        "each question column of a wide export");
  }
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (!r.used[c]) r.plan.metadata_columns.push_back(static_cast<int>(c));
  }
  NameQuestions(columns, &r.plan);
  return r.plan;
}

std::string Slug(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c)) {
      out.push_back(static_cast<char>(std::tolower(c)));
    } else if (c >= 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (!out.empty() && out.back() != '_') {
      out.push_back('_');
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

namespace {

bool ValidDate(int y, int m, int d) {
  using namespace std::chrono;
  return y >= 1900 && y <= 2200 &&
         year_month_day(year(y), month(m), day(d)).ok();
}

std::string FormatDate(int y, int m, int d, int hh, int mm) {
  char buf[32];
  if (hh >= 0 && hh < 24 && mm >= 0 && mm < 60) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", y, m, d, hh, mm);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  }
  return buf;
}

std::string FromExcelSerial(double serial) {
  using namespace std::chrono;
  auto days = static_cast<int>(serial);
  int minutes = static_cast<int>((serial - days) * 24 * 60 + 0.5);
  year_month_day ymd{sys_days{year(1899) / December / 30} +
                     std::chrono::days(days)};
  int hh = minutes > 0 ? minutes / 60 : -1;
  return FormatDate(static_cast<int>(ymd.year()),
                    static_cast<unsigned>(ymd.month()),
                    static_cast<unsigned>(ymd.day()), hh, minutes % 60);
}

}  // namespace

std::string ParseDate(const std::string& text) {
  int a = 0, b = 0, c = 0, hh = -1, mm = -1, used = 0;
  char s1 = 0, s2 = 0;
  const char* t = text.c_str();
  while (*t == ' ') ++t;
  if (std::sscanf(t, "%4d-%2d-%2d%n", &a, &b, &c, &used) == 3 && used == 10) {
    std::sscanf(t + used, "%*[T ]%2d:%2d", &hh, &mm);
    return ValidDate(a, b, c) ? FormatDate(a, b, c, hh, mm) : "";
  }
  if (std::sscanf(t, "%2d%c%2d%c%4d%n", &a, &s1, &b, &s2, &c, &used) == 5 &&
      s1 == s2 && (s1 == '/' || s1 == '-' || s1 == '.') && c >= 1000) {
    std::sscanf(t + used, " %2d:%2d", &hh, &mm);
    if (b > 12 && a <= 12) std::swap(a, b);  // month/day/year
    return ValidDate(c, b, a) ? FormatDate(c, b, a, hh, mm) : "";
  }
  char* end = nullptr;
  double serial = std::strtod(t, &end);
  if (end != t && *end == '\0' && serial >= 20000 && serial < 80000) {
    return FromExcelSerial(serial);
  }
  return "";
}

}  // namespace sift::ingest
