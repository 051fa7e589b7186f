// Internal: resolving a file's columns into response fields.
#ifndef SIFT_INGEST_SRC_FIELD_MAPPING_H_
#define SIFT_INGEST_SRC_FIELD_MAPPING_H_

#include <array>
#include <string>
#include <vector>

#include "sift/core/status.h"
#include "sift/ingest/response.h"

namespace sift::ingest {

enum Field {
  kId = 0,
  kText,
  kQuestion,
  kRespondentType,
  kOrganisation,
  kSector,
  kDistrict,
  kDate,
  kFieldCount
};

// "id", "text", "question", "respondent_type", ...
const char* FieldName(Field field);

struct ColumnPlan {
  std::array<int, kFieldCount> field_column;  // -1 where unmapped
  std::vector<int> text_columns;              // wide exports only
  // Per text column: a short key for response ids, unique in the file
  // ("q1_what_are_the_greatest_strengt"; a repeated header gets "_<column>").
  std::vector<std::string> question_keys;
  // Per text column: the `question` of its answers, the header itself, or
  // "<header> [column N]" when another text column has the same header.
  std::vector<std::string> question_labels;
  std::vector<int> metadata_columns;  // everything else
  bool wide() const { return !text_columns.empty(); }
};

// Resolves `columns` under `mapping`. Errors (naming `path`) when an explicit
// or --text column does not exist, is ambiguous, or when no text column can
// be found and `require_text` is set. Without `require_text` (JSONL, whose
// columns are only known as records are read) a column not seen yet leaves
// its field unmapped instead.
Result<ColumnPlan> ResolveColumns(const std::vector<std::string>& columns,
                                  const FieldMapping& mapping,
                                  const std::string& path, bool require_text);

// Lower-case ASCII letters and digits, other runs of characters as one '_';
// used for ids and filter values ("St. Albans" -> "st_albans").
std::string Slug(const std::string& text);

// Recognises ISO 8601, UK day/month/year (with '/', '-' or '.'), optional
// time, and Excel serial day numbers; returns "YYYY-MM-DD" or
// "YYYY-MM-DDTHH:MM", or "" when `text` is none of these.
std::string ParseDate(const std::string& text);

}  // namespace sift::ingest

#endif  // SIFT_INGEST_SRC_FIELD_MAPPING_H_
