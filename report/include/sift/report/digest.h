// The digest analysts hand to their board, as data: what people said under
// each theme in their own words, how each sector feels, the campaigns, and
// what the taxonomy missed (report/DIGEST_FORMAT.md says field by field).
//
// Everything is extractive and traceable: quotes are verbatim sentences of
// the responses whose ids they carry; counts come from the same searches
// `sift search --facets` runs, so the two always agree. The same database,
// model and options give the same bytes.
//
// Thread safety: BuildDigestJson() opens its own handles; concurrent calls
// are safe.
#ifndef SIFT_REPORT_DIGEST_H_
#define SIFT_REPORT_DIGEST_H_

#include <functional>
#include <string>

#include "sift/core/status.h"

namespace sift::report {

struct DigestOptions {
  std::string db_path;
  // The model that labelled the database (taxonomy.json, model.bin for the
  // thresholds, metrics.json for its test scores) and its vector table
  // (sentence vectors for quotes and sub-themes).
  std::string model_dir;
  std::string vectors_path;
  std::string title = "Consultation digest";
  std::string generated;   // timestamp shown in the digest; "" for none
  std::string only_theme;  // a label id: that theme alone (sift themes)
  int quotes = 5;          // evidence quotes per theme, 3..5 recommended
  // Called with a short message as each stage starts; may be empty.
  std::function<void(const std::string&)> progress;
};

// The digest data as JSON text. NotFound for a missing database or model;
// InvalidArgument when `only_theme` is not one of the database's labels or
// the database was not classified.
Result<std::string> BuildDigestJson(const DigestOptions& options);

}  // namespace sift::report

#endif  // SIFT_REPORT_DIGEST_H_
