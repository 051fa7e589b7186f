// Ingesting export files into a sift database: the job behind `sift ingest`.
//
// IngestFiles() streams each file through ingest::ResponseReader (decode,
// normalise, redact), marks exact duplicates, and writes every response to a
// Xapian database on disk under its unique id term, so a re-run of the same
// files updates documents instead of adding new ones.
//
// A run is all or nothing. A new database is built beside its final path
// (as "<db>.partial") and renamed into place once every file is in; an
// existing one is updated in a single Xapian transaction. If any file cannot
// be read, nothing is written; an interrupted run leaves the database as it
// was, and re-running gives the same result.
//
// The term prefixes, value slots and metadata keys are documented in
// index/src/schema.h.
#ifndef SIFT_INDEX_INDEXER_H_
#define SIFT_INDEX_INDEXER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sift/core/status.h"
#include "sift/ingest/response.h"

namespace sift::index {

// A snapshot passed to the progress callback.
struct IngestProgress {
  std::string file;
  std::int64_t rows_read = 0;  // units over all files so far
  std::int64_t indexed = 0;
  std::int64_t rejected = 0;
  double seconds = 0;
  bool file_done = false;  // true once per file, after its last unit
};

struct IngestOptions {
  std::string db_path;  // created when absent
  ingest::ResponseReaderOptions read;
  // A classifier model directory (sift/nlp/classifier.h) and its word-vector
  // table: each response is labelled as it is indexed (theme: filter terms,
  // score values, labels in the record). Empty: no classification.
  // With sentiment.json in the model directory, sentiment is scored too
  // (per response, per sentence and per theme) with the VADER lexicon at
  // `lexicon_path`.
  std::string model_dir;
  std::string vectors_path;
  std::string lexicon_path;
  // Called every `progress_every` units (<= 0: never) and at the end of each
  // file, from the worker thread that reads the files, never concurrently.
  // May be empty.
  std::function<void(const IngestProgress&)> progress;
  std::int64_t progress_every = 1000;
};

struct FileSummary {
  std::string path;
  std::int64_t rows_read = 0;    // units: rows, or answers of wide exports
  std::int64_t respondents = 0;  // rows
  std::int64_t indexed = 0;
  std::int64_t rejected = 0;
  ingest::DecodeStats decode;
  std::vector<std::pair<std::string, std::string>> columns;  // field->column
  std::string sha256;  // of the file's bytes
};

// What a run did. rows_read == indexed + rejected.size(), always.
struct IngestReport {
  std::vector<FileSummary> files;
  std::int64_t rows_read = 0;
  std::int64_t respondents = 0;
  std::int64_t indexed = 0;     // duplicates included
  std::int64_t duplicates = 0;  // indexed responses marked as duplicates
  std::vector<ingest::Rejection> rejected;
  ingest::RedactionCounts redactions;
  bool redaction = true;
  std::string db_path;
  std::int64_t database_documents = 0;  // after the run
  std::string model;                    // classifier version; "" when none ran
  // Responses of this run per assigned label id (empty without a model),
  // and how many were flagged for review.
  std::vector<std::pair<std::string, std::int64_t>> themes;
  std::int64_t needs_review = 0;
  // Responses of this run per sentiment: negative, neutral, positive (zeros
  // without a sentiment model).
  std::int64_t sentiment[3] = {0, 0, 0};
  // Campaigns (ingest/campaigns.h) over the whole database after the run,
  // and the responses in them; members stay indexed and counted.
  std::int64_t campaigns = 0;
  std::int64_t campaign_members = 0;
  // Repeated short answers (not campaigns; index/campaigns.h) over the whole
  // database, and the responses giving them.
  std::int64_t repeated_answers = 0;
  std::int64_t repeated_answer_members = 0;
  // Typed sector values the sector rules could not place, with counts.
  std::vector<std::pair<std::string, std::int64_t>> unmapped_sectors;
  double seconds = 0;
};

// Runs the job. Errors name the file (and line) and the reason; on error
// the database is unchanged.
Result<IngestReport> IngestFiles(const std::vector<std::string>& paths,
                                 const IngestOptions& options);

}  // namespace sift::index

#endif  // SIFT_INDEX_INDEXER_H_
