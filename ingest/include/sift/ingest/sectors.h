// Sector mapping: turns what a respondent wrote about themselves (the sector
// they typed, their organisation's name, their respondent type, and as a
// last resort their answer) into one canonical sector id, using a rule
// table kept as data (models/sectors.tsv; format in models/FORMAT.md).
//
// The table declares the canonical sector ids, the default id given when no
// rule fires ("other" in the shipped table), and ordered rules. Each rule
// applies one case-insensitive RE2 pattern, matched as a whole word or
// phrase, to one field of the evidence. When several rules fire, the one
// with the highest priority wins; among equal priorities the field decides
// (typed, then organisation, then respondent type, then text), and within a
// field the rule that comes first in the table.
#ifndef SIFT_INGEST_SECTORS_H_
#define SIFT_INGEST_SECTORS_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sift/core/status.h"

namespace sift::ingest {

// What is known about one respondent. The views must outlive the Map() call
// only; empty views mean "not given".
struct SectorEvidence {
  std::string_view typed = {};         // the sector as the respondent wrote it
  std::string_view organisation = {};  // the organisation's name
  std::string_view respondent_type = {};  // "resident", "Public authority"...
  std::string_view text = {};             // the response itself
};

// The outcome of mapping one respondent.
struct SectorMatch {
  enum class Source { kTyped, kOrganisation, kRespondentType, kText, kNone };

  std::string sector;  // a canonical id; the table's default when kNone
  Source source = Source::kNone;
  // The rule that fired, as "<table file name>:<line>" ("sectors.tsv:42");
  // empty when kNone.
  std::string rule;
};

// "typed", "organisation", "respondent_type", "text" or "none": the names
// the table format uses for the fields.
const char* SectorSourceName(SectorMatch::Source source);

// A compiled rule table. Immutable once built: Map() is const and safe to
// call from any number of threads at once. Copies are cheap and share the
// compiled patterns.
class SectorMapper {
 public:
  // Reads and compiles the table at `path`. A bad table is InvalidArgument
  // naming the file and, for a bad line, its number and the reason:
  // "models/sectors.tsv:42: bad pattern 'pharma(': missing ): pharma("
  // (RE2's own words), an undeclared sector id, an unknown field, a wrong
  // number of columns. NotFound when the file cannot be opened.
  static Result<SectorMapper> Load(const std::string& path);

  // Compiles a table held in memory. `source_name` stands for the file in
  // error messages, and its last path component in SectorMatch::rule.
  static Result<SectorMapper> FromString(std::string_view table,
                                         std::string source_name);

  // The canonical sector for `evidence` and the rule that decided it. Each
  // field is compared after trimming, collapsing runs of white space and
  // '_' to one space and turning typographic apostrophes into "'"; fields
  // left empty are skipped. Never fails: when no rule fires the result is
  // the table's default sector with source kNone.
  SectorMatch Map(const SectorEvidence& evidence) const;

  // The canonical sector ids, in the order the table declares them.
  const std::vector<std::string>& sectors() const;
  // The id given when no rule fires.
  const std::string& default_sector() const;
  // How many rules the table holds.
  int rule_count() const;

 private:
  struct Tables;
  explicit SectorMapper(std::shared_ptr<const Tables> tables);
  std::shared_ptr<const Tables> tables_;
};

// Tallies the typed sector values that no rule mapped with confidence: those
// that ended with the default sector (no rule fired) or were decided only by
// the answer's text. Sorted() tells an analyst which rules to add first.
// Values are grouped ignoring ASCII case and surrounding or repeated white
// space; a blank typed value is counted as "". Not thread-safe: give each
// thread its own and Merge() them.
class UnmappedSectors {
 public:
  // Counts `typed` when `match` is kNone or kText; otherwise does nothing.
  void Observe(std::string_view typed, const SectorMatch& match);
  // Adds every count of `other` to this one.
  void Merge(const UnmappedSectors& other);
  // (value as first seen, count) pairs, most frequent first, ties in
  // case-insensitive alphabetical order.
  std::vector<std::pair<std::string, std::int64_t>> Sorted() const;

 private:
  // Key: the folded value; mapped: the spelling first seen and its count.
  std::map<std::string, std::pair<std::string, std::int64_t>> counts_;
};

}  // namespace sift::ingest

#endif  // SIFT_INGEST_SECTORS_H_
