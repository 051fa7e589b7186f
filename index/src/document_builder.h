// Internal: turns cleaned responses into Xapian documents laid out as
// schema.h describes, marking exact duplicates on the way.
#ifndef SIFT_INDEX_SRC_DOCUMENT_BUILDER_H_
#define SIFT_INDEX_SRC_DOCUMENT_BUILDER_H_

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "schema.h"
#include "sift/ingest/dedup.h"
#include "sift/ingest/response.h"
#include "sift/nlp/analyzer.h"

namespace sift::index {

// A document ready for replace_document().
struct BuiltDocument {
  std::string id_term;
  Xapian::Document document;
  std::string duplicate_of;  // "" for an original
};

// Builds documents for one ingest run. Not thread-safe: one thread builds;
// the documents it returns hold no reference to the builder and may be
// handed to another thread.
class DocumentBuilder {
 public:
  DocumentBuilder();

  // Seeds duplicate detection with the originals already in `db`, so an
  // original stored by an earlier run wins over whichever copy this run
  // reads first. Call before the first Build().
  void LoadExistingOriginals(const Xapian::Database& db);

  // `analysis` may be null when no model ran. REQUIRES: with an analysis,
  // SetLabels() was called with the classifier's label ids.
  BuiltDocument Build(const ingest::Response& r, const nlp::Analysis* analysis);

  // The classifier's label ids, in its score order.
  void SetLabels(std::vector<std::string> label_ids) {
    label_ids_ = std::move(label_ids);
  }

  // Stores, for each filter value seen in this run, its most frequent
  // display form ("St Albans" over "st albans" when more wrote it so).
  void WriteLabels(Xapian::WritableDatabase* db) const;

 private:
  schema::StoredThemes Store(const nlp::Analysis* analysis) const;
  // The theme-sentiment terms and value slots (schema.h).
  void AddThemeSentiment(const nlp::Analysis& analysis,
                         Xapian::Document* doc) const;

  Xapian::TermGenerator terms_;
  std::vector<std::string> label_ids_;
  ingest::DuplicateTracker tracker_;
  // Display forms seen per label metadata key, with counts.
  std::map<std::string, std::map<std::string, std::int64_t>> label_votes_;
};

}  // namespace sift::index

#endif  // SIFT_INDEX_SRC_DOCUMENT_BUILDER_H_
