#include "sift/index/indexer.h"

#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "schema.h"
#include "sift/core/version.h"
#include "sift/ingest/dedup.h"
#include "sift/ingest/normalizer.h"
#include "xapian_status.h"

namespace sift::index {
namespace {

using Clock = std::chrono::steady_clock;

// Writes responses into an open transaction. Owns nothing but its caches.
class DocumentWriter {
 public:
  explicit DocumentWriter(Xapian::WritableDatabase* db) : db_(db) {
    terms_.set_stemmer(Xapian::Stem("english"));
    terms_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  }

  // Stores, for each filter value seen in this run, its most frequent
  // display form ("St Albans" over "st albans" when more wrote it so).
  void WriteLabels() {
    for (const auto& [meta, votes] : label_votes_) {
      auto best = votes.begin();
      for (auto it = votes.begin(); it != votes.end(); ++it) {
        if (it->second > best->second) best = it;
      }
      db_->set_metadata(meta, best->first);
    }
  }

  // Seeds the tracker with the originals already in the database, so a
  // response repeating one from an earlier run is marked as its duplicate.
  // (Looking keys up per document instead would force Xapian to flush its
  // pending postings on every duplicate.)
  void LoadExistingOriginals() {
    const std::string prefix = schema::kHashPrefix;
    for (auto t = db_->allterms_begin(prefix); t != db_->allterms_end(prefix);
         ++t) {
      auto posting = db_->postlist_begin(*t);
      if (posting == db_->postlist_end(*t)) continue;
      tracker_.Observe((*t).substr(prefix.size()),
                       db_->get_document(*posting).get_value(schema::kIdSlot));
    }
  }

  // Returns the id of the response this one duplicates, or "".
  std::string Write(const ingest::Response& r) {
    std::string key = ingest::ContentKey(r.text);
    // The tracker is seeded with the database's originals (see
    // LoadExistingOriginals), so an original stored by an earlier run wins
    // over whichever copy this run reads first.
    std::string first = tracker_.Observe(key, r.id);
    Xapian::Document doc;
    terms_.set_document(doc);
    terms_.index_text(WithoutPlaceholders(r.text, &doc));
    if (!r.organisation.empty()) {
      terms_.increase_termpos();
      terms_.index_text(r.organisation, 1, schema::kOrgPrefix);
    }
    std::string id_term = schema::kIdPrefix + r.id;
    doc.add_boolean_term(id_term);
    doc.add_boolean_term(schema::kRespondentPrefix +
                         ingest::FilterKey(r.respondent));
    doc.add_boolean_term(first.empty() ? schema::kHashPrefix + key
                                       : std::string(schema::kDuplicateTerm));
    for (const schema::Category& c : schema::kCategories) {
      const std::string& value = schema::CategoryValue(c, r);
      if (value.empty()) continue;
      std::string k = ingest::FilterKey(value);
      doc.add_boolean_term(c.prefix + k);
      doc.add_value(c.slot, k);
      ++label_votes_[schema::LabelKey(c, k)][value];
    }
    doc.add_value(schema::kDateSlot, r.date);
    doc.add_value(schema::kIdSlot, r.id);
    doc.set_data(schema::EncodeRecord(r, first));
    db_->replace_document(id_term, doc);
    return first;
  }

 private:
  // Redaction placeholders are not words of the response: they are left out
  // of the text terms and recorded as XRED<kind> filter terms instead.
  static std::string WithoutPlaceholders(const std::string& text,
                                         Xapian::Document* doc) {
    if (text.find('[') == std::string::npos) return text;
    std::string out;
    out.reserve(text.size());
    std::size_t copied = 0;
    for (std::size_t at = text.find('['); at != std::string::npos;
         at = text.find('[', at + 1)) {
      for (int k = 0; k < ingest::kPiiKindCount; ++k) {
        auto kind = static_cast<ingest::PiiKind>(k);
        std::string_view placeholder = ingest::PiiPlaceholder(kind);
        if (text.compare(at, placeholder.size(), placeholder) != 0) continue;
        out.append(text, copied, at - copied).push_back(' ');
        copied = at + placeholder.size();
        doc->add_boolean_term(schema::kRedactedPrefix +
                              std::string(ingest::PiiKindName(kind)));
        break;
      }
    }
    out.append(text, copied);
    return out;
  }

  Xapian::WritableDatabase* db_;
  Xapian::TermGenerator terms_;
  ingest::DuplicateTracker tracker_;
  // Display forms seen per label metadata key, with counts.
  std::map<std::string, std::map<std::string, std::int64_t>> label_votes_;
};

class IngestRun {
 public:
  IngestRun(const IngestOptions& options, Xapian::WritableDatabase* db)
      : options_(options), db_(db), writer_(db), start_(Clock::now()) {
    report_.db_path = options.db_path;
    report_.redaction = options.read.redact;
    writer_.LoadExistingOriginals();
  }

  Status IngestFile(const std::string& path) {
    auto reader = ingest::ResponseReader::Open(path, options_.read);
    if (!reader.ok()) return reader.status();
    FileSummary summary;
    summary.path = path;
    summary.columns = reader->resolved_columns();
    ingest::ResponseItem item;
    while (true) {
      SIFT_RETURN_IF_ERROR(reader->Next(&item));
      if (item.kind == ingest::ResponseItem::Kind::kEnd) break;
      if (item.kind == ingest::ResponseItem::Kind::kRejected) {
        report_.rejected.push_back(std::move(item.rejection));
      } else {
        if (!writer_.Write(item.response).empty()) ++report_.duplicates;
        ++report_.indexed;
      }
      ++report_.rows_read;
      // progress_every <= 0: only at the end of each file.
      if (options_.progress_every > 0 &&
          report_.rows_read % options_.progress_every == 0) {
        Report(path, false);
      }
    }
    const ingest::FileStats& stats = reader->stats();
    summary.rows_read = stats.units;
    summary.respondents = stats.respondents;
    summary.indexed = stats.responses;
    summary.rejected = stats.rejected;
    summary.decode = stats.decode;
    report_.respondents += stats.respondents;
    report_.redactions += stats.redactions;
    report_.files.push_back(std::move(summary));
    Report(path, true);
    return Status::Ok();
  }

  // Records what built the database. Call inside the transaction.
  void WriteMetadata() {
    writer_.WriteLabels();
    report_.database_documents = db_->get_doccount();
    db_->set_metadata("sift.version", Version());
    db_->set_metadata("sift.redaction", report_.redaction ? "on" : "off");
    db_->set_metadata("sift.responses",
                      std::to_string(report_.database_documents));
    db_->set_metadata(
        "sift.duplicates",
        std::to_string(db_->get_termfreq(schema::kDuplicateTerm)));
    nlohmann::json files = nlohmann::json::array();
    for (const FileSummary& f : report_.files) {
      files.push_back({{"path", f.path},
                       {"rows_read", f.rows_read},
                       {"indexed", f.indexed},
                       {"rejected", f.rejected}});
    }
    nlohmann::json last = {{"files", files},
                           {"rows_read", report_.rows_read},
                           {"indexed", report_.indexed},
                           {"duplicates", report_.duplicates},
                           {"rejected", report_.rejected.size()}};
    db_->set_metadata("sift.last_ingest", last.dump());
  }

  IngestReport Finish() {
    report_.seconds = Seconds();
    return std::move(report_);
  }

 private:
  double Seconds() const {
    return std::chrono::duration<double>(Clock::now() - start_).count();
  }

  void Report(const std::string& path, bool file_done) {
    if (!options_.progress) return;
    options_.progress({path, report_.rows_read, report_.indexed,
                       static_cast<std::int64_t>(report_.rejected.size()),
                       Seconds(), file_done});
  }

  const IngestOptions& options_;
  Xapian::WritableDatabase* db_;
  DocumentWriter writer_;
  Clock::time_point start_;
  IngestReport report_;
};

Status CheckRedactionSetting(const Xapian::WritableDatabase& db,
                             const IngestOptions& options) {
  std::string stored = db.get_metadata("sift.redaction");
  std::string wanted = options.read.redact ? "on" : "off";
  if (db.get_doccount() == 0 || stored.empty() || stored == wanted) {
    return Status::Ok();
  }
  return Status::InvalidArgument(
      options.db_path + ": database was built with redaction " + stored +
      "; ingesting with redaction " + wanted +
      " would mix the two. Use a new --db, or match the setting.");
}

Result<IngestReport> RunInTransaction(const std::vector<std::string>& paths,
                                      const IngestOptions& options,
                                      Xapian::WritableDatabase* db) {
  SIFT_RETURN_IF_ERROR(CheckRedactionSetting(*db, options));
  db->begin_transaction(/*flushed=*/true);
  IngestRun run(options, db);
  for (const std::string& path : paths) {
    Status s = run.IngestFile(path);
    if (!s.ok()) {
      db->cancel_transaction();
      return s;
    }
  }
  run.WriteMetadata();
  db->commit_transaction();
  return run.Finish();
}

}  // namespace

Result<IngestReport> IngestFiles(const std::vector<std::string>& paths,
                                 const IngestOptions& options) {
  if (paths.empty()) return Status::InvalidArgument("no input files given");
  if (options.db_path.empty()) {
    return Status::InvalidArgument("no database path given (--db DIR)");
  }
  std::error_code ec;
  bool created = !std::filesystem::exists(options.db_path, ec);
  Result<IngestReport> result = Status::Internal("not run");
  try {
    Xapian::WritableDatabase db(options.db_path, Xapian::DB_CREATE_OR_OPEN);
    result = RunInTransaction(paths, options, &db);
    db.close();
  } catch (const Xapian::Error& e) {
    result = FromXapian(e, options.db_path);
  }
  if (!result.ok() && created) std::filesystem::remove_all(options.db_path, ec);
  return result;
}

}  // namespace sift::index
