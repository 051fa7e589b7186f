#include "sift/ingest/sectors.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <climits>
#include <initializer_list>

#include "sift/core/file.h"

namespace sift::ingest {

namespace {

constexpr int kFieldCount = 4;  // typed, organisation, respondent_type, text
constexpr const char* kFieldNames[kFieldCount] = {"typed", "organisation",
                                                  "respondent_type", "text"};
constexpr const char* kDeclareFirst = "' (declare it with a sector line first)";
// Memory for each field's RE2::Set (its DFA cache).
constexpr int64_t kSetMaxMem = int64_t{32} << 20;

struct Rule {
  int field = 0;
  int sector = 0;
  int priority = 0;
  std::string name;         // "sectors.tsv:42"
  std::unique_ptr<RE2> re;  // used only if the field's set cannot answer
};

// The rules of one field, compiled together.
struct FieldRules {
  std::unique_ptr<RE2::Set> set;
  std::vector<int> rules;  // set index -> index into the table's rules
  int max_priority = INT_MIN;
};

RE2::Options PatternOptions() {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  return options;
}

// Whole words only: the pattern must start and end at the edge of the text
// or next to a character that is not a letter or digit, in any script.
std::string WrapPattern(std::string_view pattern) {
  return std::string(R"((?:^|[^\pL\pN])(?:)")
      .append(pattern)
      .append(R"()(?:[^\pL\pN]|$))");
}

std::string_view BaseName(std::string_view path) {
  std::size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> columns;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    columns.push_back(line.substr(start, tab - start));
    if (tab == std::string_view::npos) return columns;
    start = tab + 1;
  }
}

bool IsSectorId(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Appends `c` unless it would double a space or start the text with one.
void AppendSpaceOr(char c, bool space, std::string* out) {
  if (!space) {
    out->push_back(c);
  } else if (!out->empty() && out->back() != ' ') {
    out->push_back(' ');
  }
}

std::string Normalise(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    std::string_view rest = in.substr(i);
    if (rest.starts_with("\xE2\x80\x98") || rest.starts_with("\xE2\x80\x99")) {
      out.push_back('\'');  // U+2018, U+2019
      i += 2;
    } else if (rest.starts_with("\xC2\xA0")) {  // no-break space
      AppendSpaceOr(' ', true, &out);
      i += 1;
    } else {
      AppendSpaceOr(static_cast<char>(c),
                    std::isspace(c) != 0 || c == '_' || c == 0, &out);
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// A parsed and compiled table.
struct CompiledTable {
  std::vector<std::string> sectors;
  int default_sector = -1;
  std::vector<Rule> rules;  // in table order
  std::array<FieldRules, kFieldCount> fields;

  int SectorIndex(std::string_view id) const {
    auto it = std::find(sectors.begin(), sectors.end(), id);
    return it == sectors.end() ? -1 : static_cast<int>(it - sectors.begin());
  }

  // The best rule of field `f` that matches `value`, or nullptr.
  const Rule* BestIn(int f, const std::string& value,
                     std::vector<int>* hits) const;
};

const Rule* CompiledTable::BestIn(int f, const std::string& value,
                                  std::vector<int>* hits) const {
  const FieldRules& field = fields[f];
  RE2::Set::ErrorInfo info{RE2::Set::kNoError};
  hits->clear();
  const Rule* best = nullptr;
  auto consider = [&best](const Rule* r) {
    if (best == nullptr || r->priority > best->priority) best = r;
  };
  if (field.set->Match(value, hits, &info)) {
    std::sort(hits->begin(), hits->end());  // table order
    for (int h : *hits) consider(&rules[field.rules[h]]);
  } else if (info.kind != RE2::Set::kNoError) {
    // The set ran out of memory: ask each rule in turn, slower but exact.
    for (int index : field.rules) {
      if (RE2::PartialMatch(value, *rules[index].re)) consider(&rules[index]);
    }
  }
  return best;
}

// Reads a table line by line into *out.
class TableParser {
 public:
  TableParser(std::string source, CompiledTable* out)
      : source_(std::move(source)), t_(*out) {}

  Status ParseLine(std::string_view line, int line_number);
  // Checks what only the whole table can show, and compiles the sets.
  Status Finish();

 private:
  // "<source>:<line>: " followed by the parts.
  Status Error(int line, std::initializer_list<std::string_view> parts) const {
    std::string message = std::string(source_).append(":").append(
        std::to_string(line).append(": "));
    for (std::string_view part : parts) message.append(part);
    return Status::InvalidArgument(std::move(message));
  }
  Status ParseSector(const std::vector<std::string_view>& cols, int line);
  Status ParseDefault(const std::vector<std::string_view>& cols, int line);
  Status ParseRule(int field, const std::vector<std::string_view>& cols,
                   int line);
  std::string source_;
  CompiledTable& t_;
};

Status TableParser::ParseLine(std::string_view line, int line_number) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.empty() || line.front() == '#') return Status::Ok();
  std::vector<std::string_view> cols = SplitTabs(line);
  if (cols[0] == "sector") return ParseSector(cols, line_number);
  if (cols[0] == "default") return ParseDefault(cols, line_number);
  for (int f = 0; f < kFieldCount; ++f) {
    if (cols[0] == kFieldNames[f]) return ParseRule(f, cols, line_number);
  }
  return Error(line_number, {"unknown kind '", cols[0],
                             "' (expected sector, default, typed, "
                             "organisation, respondent_type or text)"});
}

Status TableParser::ParseSector(const std::vector<std::string_view>& cols,
                                int line) {
  if (cols.size() != 2 && cols.size() != 3) {
    return Error(line, {"a sector line has 2 or 3 tab-separated columns "
                        "(sector, id, description), found ",
                        std::to_string(cols.size())});
  }
  if (!IsSectorId(cols[1])) {
    return Error(line, {"bad sector id '", cols[1], "' (use a-z, 0-9 and _)"});
  }
  if (t_.SectorIndex(cols[1]) >= 0) {
    return Error(line, {"sector '", cols[1], "' declared twice"});
  }
  t_.sectors.emplace_back(cols[1]);
  return Status::Ok();
}

Status TableParser::ParseDefault(const std::vector<std::string_view>& cols,
                                 int line) {
  if (cols.size() != 2) {
    return Error(line, {"a default line has 2 tab-separated columns "
                        "(default, sector id), found ",
                        std::to_string(cols.size())});
  }
  if (t_.default_sector >= 0) return Error(line, {"default given twice"});
  t_.default_sector = t_.SectorIndex(cols[1]);
  if (t_.default_sector < 0) {
    return Error(line, {"unknown sector id '", cols[1], kDeclareFirst});
  }
  return Status::Ok();
}

Status TableParser::ParseRule(int field,
                              const std::vector<std::string_view>& cols,
                              int line) {
  if (cols.size() != 3 && cols.size() != 4) {
    return Error(line, {"a rule has 3 or 4 tab-separated columns (field, "
                        "pattern, sector, optional priority), found ",
                        std::to_string(cols.size())});
  }
  Rule rule;
  rule.field = field;
  rule.sector = t_.SectorIndex(cols[2]);
  if (rule.sector < 0) {
    return Error(line, {"unknown sector id '", cols[2], kDeclareFirst});
  }
  if (cols.size() == 4) {
    std::string_view p = cols[3];
    auto [end, ec] =
        std::from_chars(p.data(), p.data() + p.size(), rule.priority);
    if (ec != std::errc() || end != p.data() + p.size()) {
      return Error(line, {"priority '", p, "' is not a whole number"});
    }
  }
  if (cols[1].empty()) return Error(line, {"empty pattern"});
  RE2 alone(cols[1], PatternOptions());
  if (!alone.ok()) {
    return Error(line, {"bad pattern '", cols[1], "': ", alone.error()});
  }
  rule.re = std::make_unique<RE2>(WrapPattern(cols[1]), PatternOptions());
  rule.name =
      std::string(BaseName(source_)).append(":").append(std::to_string(line));
  t_.rules.push_back(std::move(rule));
  return Status::Ok();
}

Status TableParser::Finish() {
  if (t_.default_sector < 0) {
    return Status::InvalidArgument(std::string(source_).append(
        ": no default line (e.g. default<TAB>other)"));
  }
  RE2::Options options = PatternOptions();
  options.set_max_mem(kSetMaxMem);
  for (auto& field : t_.fields) {
    field.set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  }
  for (std::size_t i = 0; i < t_.rules.size(); ++i) {
    auto& field = t_.fields[t_.rules[i].field];
    std::string error;
    if (field.set->Add(t_.rules[i].re->pattern(), &error) < 0) {
      return Status::Internal(std::string(t_.rules[i].name)
                                  .append(": RE2::Set refused: ")
                                  .append(error));
    }
    field.rules.push_back(static_cast<int>(i));
    field.max_priority = std::max(field.max_priority, t_.rules[i].priority);
  }
  for (auto& field : t_.fields) {
    if (!field.rules.empty() && !field.set->Compile()) {
      return Status::Internal(std::string(source_).append(
          ": RE2::Set could not compile the rules"));
    }
  }
  return Status::Ok();
}

}  // namespace

const char* SectorSourceName(SectorMatch::Source source) {
  int i = static_cast<int>(source);
  return i < kFieldCount ? kFieldNames[i] : "none";
}

struct SectorMapper::Tables : CompiledTable {};

SectorMapper::SectorMapper(std::shared_ptr<const Tables> tables)
    : tables_(std::move(tables)) {}

Result<SectorMapper> SectorMapper::Load(const std::string& path) {
  auto read = ReadWholeFile(path, "cannot open");
  if (!read.ok()) return read.status();
  return FromString(read.value(), path);
}

Result<SectorMapper> SectorMapper::FromString(std::string_view table,
                                              std::string source_name) {
  auto tables = std::make_shared<Tables>();
  TableParser parser(std::move(source_name), tables.get());
  int line_number = 0;
  std::size_t start = 0;
  while (start < table.size()) {
    std::size_t end = table.find('\n', start);
    if (end == std::string_view::npos) end = table.size();
    SIFT_RETURN_IF_ERROR(
        parser.ParseLine(table.substr(start, end - start), ++line_number));
    start = end + 1;
  }
  SIFT_RETURN_IF_ERROR(parser.Finish());
  return SectorMapper(std::move(tables));
}

SectorMatch SectorMapper::Map(const SectorEvidence& evidence) const {
  const Tables& t = *tables_;
  const std::string_view values[kFieldCount] = {
      evidence.typed, evidence.organisation, evidence.respondent_type,
      evidence.text};
  const Rule* best = nullptr;
  std::vector<int> hits;
  for (int f = 0; f < kFieldCount; ++f) {
    const FieldRules& field = t.fields[f];
    // An earlier field wins ties, so a field whose rules cannot beat the
    // best so far is not even read.
    if (field.rules.empty() || values[f].empty()) continue;
    if (best != nullptr && field.max_priority <= best->priority) continue;
    std::string value = Normalise(values[f]);
    if (value.empty()) continue;
    const Rule* r = t.BestIn(f, value, &hits);
    if (r != nullptr && (best == nullptr || r->priority > best->priority)) {
      best = r;
    }
  }
  SectorMatch match;
  if (best == nullptr) {
    match.sector = t.sectors[t.default_sector];
    return match;
  }
  match.sector = t.sectors[best->sector];
  match.source = static_cast<SectorMatch::Source>(best->field);
  match.rule = best->name;
  return match;
}

const std::vector<std::string>& SectorMapper::sectors() const {
  return tables_->sectors;
}

const std::string& SectorMapper::default_sector() const {
  return tables_->sectors[tables_->default_sector];
}

int SectorMapper::rule_count() const {
  return static_cast<int>(tables_->rules.size());
}

namespace {

std::string FoldForCount(std::string_view value) {
  std::string folded = Normalise(value);
  for (char& c : folded) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return folded;
}

}  // namespace

void UnmappedSectors::Observe(std::string_view typed,
                              const SectorMatch& match) {
  if (match.source != SectorMatch::Source::kNone &&
      match.source != SectorMatch::Source::kText) {
    return;
  }
  auto [it, inserted] = counts_.try_emplace(FoldForCount(typed));
  if (inserted) it->second.first = Normalise(typed);
  ++it->second.second;
}

void UnmappedSectors::Merge(const UnmappedSectors& other) {
  for (const auto& [key, entry] : other.counts_) {
    auto [it, inserted] = counts_.try_emplace(key, entry.first, 0);
    it->second.second += entry.second;
  }
}

std::vector<std::pair<std::string, std::int64_t>> UnmappedSectors::Sorted()
    const {
  std::vector<std::pair<std::string, std::int64_t>> out;
  out.reserve(counts_.size());
  for (const auto& [key, entry] : counts_) out.push_back(entry);  // key order
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second > b.second;
  });
  return out;
}

}  // namespace sift::ingest
