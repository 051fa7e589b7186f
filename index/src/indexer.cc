#include "sift/index/indexer.h"

#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>
#include <unordered_map>

#include "campaign_pass.h"
#include "document_builder.h"
#include "document_queue.h"
#include "schema.h"
#include "sift/core/version.h"
#include "sift/ingest/file_checksum.h"
#include "xapian_status.h"

namespace sift::index {
namespace {

using Clock = std::chrono::steady_clock;

// Reads, cleans and builds documents on a worker thread while the calling
// thread writes them: Xapian's writer is the bottleneck, and this keeps it
// busy on one core with everything else on the other.
class IngestRun {
 public:
  IngestRun(const IngestOptions& options, Xapian::WritableDatabase* db)
      : options_(options), db_(db), start_(Clock::now()) {
    report_.db_path = options.db_path;
    report_.redaction = options.read.redact;
    builder_.LoadExistingOriginals(*db);
    // Theme sentiment is searchable only where every stored one has its
    // terms: in a database this sift started, or one already so marked.
    theme_sentiment_terms_ = db->get_doccount() == 0 ||
                             db->get_metadata(schema::kThemeSentimentKey) ==
                                 schema::kThemeSentimentMarker;
  }

  // Loads the classifier when the options name one.
  Status LoadClassifier() {
    if (options_.model_dir.empty()) return Status::Ok();
    // One featurising thread: the Xapian writer has the other core.
    nlp::ClassifierOptions classifier_options;
    classifier_options.threads = 1;
    auto analyzer = nlp::ResponseAnalyzer::Load(
        {options_.model_dir, options_.vectors_path, options_.lexicon_path},
        classifier_options);
    if (!analyzer.ok()) return analyzer.status();
    analyzer_.emplace(std::move(analyzer.value()));
    report_.model = analyzer_->classifier().version();
    std::vector<std::string> ids;
    for (const auto& l : analyzer_->classifier().taxonomy().labels()) {
      ids.push_back(l.id);
      report_.themes.emplace_back(l.id, 0);
    }
    builder_.SetLabels(std::move(ids));
    return Status::Ok();
  }

  // Finds campaigns over the whole database, this run's documents included.
  Status FindCampaigns() {
    auto counts = campaigns_.Finish(db_);
    if (!counts.ok()) return counts.status();
    report_.campaigns = counts->campaigns;
    report_.campaign_members = counts->members;
    report_.repeated_answers = counts->repeated_answers;
    report_.repeated_answer_members = counts->repeated_members;
    return Status::Ok();
  }

  // Ingests every file. On error, what was written must be discarded.
  Status IngestAll(const std::vector<std::string>& paths) {
    DocumentQueue queue(kQueueCapacity);
    Status produced;
    std::thread producer([&] {
      produced = ProduceAll(paths, &queue);
      queue.Close();
    });
    Status consumed = Consume(&queue);
    producer.join();
    return consumed.ok() ? produced : consumed;
  }

  // Records what built the database. Call inside the transaction.
  void WriteMetadata() {
    builder_.WriteLabels(db_);
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
                       {"sha256", f.sha256},
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
    if (analyzer_) {
      nlohmann::json labels = nlohmann::json::array();
      for (const auto& [id, count] : report_.themes) labels.push_back(id);
      db_->set_metadata("sift.model", report_.model);
      if (analyzer_->has_sentiment()) {
        auto [negative, positive] = analyzer_->sentiment_thresholds();
        db_->set_metadata("sift.sentiment",
                          nlohmann::json{{"negative_threshold", negative},
                                         {"positive_threshold", positive}}
                              .dump());
        if (theme_sentiment_terms_) {
          db_->set_metadata(schema::kThemeSentimentKey,
                            schema::kThemeSentimentMarker);
        }
      }
      db_->set_metadata("sift.labels", labels.dump());
    }
  }

  IngestReport Finish() {
    report_.seconds = Seconds();
    return std::move(report_);
  }

 private:
  double Seconds() const {
    return std::chrono::duration<double>(Clock::now() - start_).count();
  }

  Status ProduceAll(const std::vector<std::string>& paths,
                    DocumentQueue* queue) {
    try {
      for (const std::string& path : paths) {
        SIFT_RETURN_IF_ERROR(ProduceFile(path, queue));
      }
      return Status::Ok();
    } catch (const Xapian::Error& e) {
      return FromXapian(e, options_.db_path);
    } catch (const std::exception& e) {
      return Status::Internal(std::string("ingest stopped: ") + e.what());
    }
  }

  Status ProduceFile(const std::string& path, DocumentQueue* queue) {
    auto reader = ingest::ResponseReader::Open(path, options_.read);
    if (!reader.ok()) return reader.status();
    FileSummary summary;
    summary.path = path;
    summary.columns = reader->resolved_columns();
    auto sha = ingest::FileSha256(path);
    if (!sha.ok()) return sha.status();
    summary.sha256 = std::move(sha).value();
    ingest::ResponseItem item;
    while (true) {
      SIFT_RETURN_IF_ERROR(reader->Next(&item));
      if (item.kind == ingest::ResponseItem::Kind::kEnd) break;
      if (item.kind == ingest::ResponseItem::Kind::kResponse) {
        RejectIfIdTaken(&item, &summary);
      }
      if (item.kind == ingest::ResponseItem::Kind::kRejected) {
        report_.rejected.push_back(std::move(item.rejection));
      } else {
        pending_.push_back(std::move(item.response));
        if (pending_.size() == kClassifyBatch) {
          SIFT_RETURN_IF_ERROR(FlushPending(queue));
          // The writer stopped on an error of its own, which it reports.
          if (writer_stopped_) return Status::Ok();
        }
      }
      ++report_.rows_read;
      if (options_.progress_every > 0 &&
          report_.rows_read % options_.progress_every == 0) {
        Report(path, false);
      }
    }
    SIFT_RETURN_IF_ERROR(FlushPending(queue));
    const ingest::FileStats& stats = reader->stats();
    summary.rows_read = stats.units;
    summary.respondents = stats.respondents;
    summary.indexed += stats.responses;
    summary.rejected += stats.rejected;
    summary.decode = stats.decode;
    report_.respondents += stats.respondents;
    report_.redactions += stats.redactions;
    unmapped_sectors_.Merge(stats.unmapped_sectors);
    report_.unmapped_sectors = unmapped_sectors_.Sorted();
    report_.files.push_back(std::move(summary));
    Report(path, true);
    return Status::Ok();
  }

  // Labels the pending responses (when a classifier is loaded), builds
  // their documents and hands them to the writer.
  Status FlushPending(DocumentQueue* queue) {
    if (pending_.empty()) return Status::Ok();
    std::vector<nlp::Analysis> analyses;
    if (analyzer_) {
      std::vector<nlp::AnalyzerInput> inputs;
      for (const auto& r : pending_) inputs.push_back({r.text, r.display_text});
      SIFT_RETURN_IF_ERROR(analyzer_->Analyze(inputs, &analyses));
    }
    for (std::size_t i = 0; i < pending_.size(); ++i) {
      const nlp::Analysis* analysis = analyzer_ ? &analyses[i] : nullptr;
      if (analysis != nullptr) {
        for (int l : analysis->themes.labels) ++report_.themes[l].second;
        report_.needs_review += analysis->themes.needs_review;
        if (analysis->has_sentiment) {
          ++report_.sentiment[static_cast<int>(analysis->sentiment.polarity)];
        }
      }
      BuiltDocument built = builder_.Build(pending_[i], analysis);
      campaigns_.Add(built.id_term, pending_[i].display_text);
      if (!built.duplicate_of.empty()) ++report_.duplicates;
      ++report_.indexed;
      if (!queue->Push(std::move(built))) {
        writer_stopped_ = true;
        break;
      }
    }
    pending_.clear();
    return Status::Ok();
  }

  // Two rows of one run that claim the same id would overwrite each other:
  // the later one is rejected instead (re-runs still replace by id).
  void RejectIfIdTaken(ingest::ResponseItem* item, FileSummary* summary) {
    const ingest::Response& r = item->response;
    std::string where = r.source_file + ":" + std::to_string(r.source_line);
    auto [it, added] = ids_in_run_.try_emplace(r.id, where);
    if (added) return;
    item->kind = ingest::ResponseItem::Kind::kRejected;
    item->rejection = {r.source_file, r.source_line,
                       "id '" + r.id + "' is already used by " + it->second +
                           " (ids must be unique within a run)"};
    --summary->indexed;
    ++summary->rejected;
  }

  Status Consume(DocumentQueue* queue) {
    try {
      BuiltDocument built;
      while (queue->Pop(&built)) {
        db_->replace_document(built.id_term, built.document);
      }
      return Status::Ok();
    } catch (const Xapian::Error& e) {
      queue->Stop();
      return FromXapian(e, options_.db_path);
    }
  }

  void Report(const std::string& path, bool file_done) {
    if (!options_.progress) return;
    options_.progress({path, report_.rows_read, report_.indexed,
                       static_cast<std::int64_t>(report_.rejected.size()),
                       Seconds(), file_done});
  }

  static constexpr std::size_t kQueueCapacity = 512;
  static constexpr std::size_t kClassifyBatch = 256;

  const IngestOptions& options_;
  Xapian::WritableDatabase* db_;
  bool theme_sentiment_terms_ = false;
  DocumentBuilder builder_;
  std::optional<nlp::ResponseAnalyzer> analyzer_;
  ingest::UnmappedSectors unmapped_sectors_;
  CampaignPass campaigns_;
  std::vector<ingest::Response> pending_;  // read, not yet built
  bool writer_stopped_ = false;
  std::unordered_map<std::string, std::string> ids_in_run_;  // id -> file:line
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

// Ingests every file. With `transactional`, all changes go in one Xapian
// transaction that is cancelled on error; without, the caller is writing a
// staging database that only becomes visible once complete.
Result<IngestReport> RunIngest(const std::vector<std::string>& paths,
                               const IngestOptions& options,
                               Xapian::WritableDatabase* db,
                               bool transactional) {
  SIFT_RETURN_IF_ERROR(CheckRedactionSetting(*db, options));
  if (transactional) db->begin_transaction(/*flushed=*/true);
  IngestRun run(options, db);
  Status s = run.LoadClassifier();
  if (s.ok()) s = run.IngestAll(paths);
  if (s.ok()) s = run.FindCampaigns();
  if (!s.ok()) {
    if (transactional) db->cancel_transaction();
    return s;
  }
  run.WriteMetadata();
  if (transactional) {
    db->commit_transaction();
  } else {
    db->commit();
  }
  return run.Finish();
}

// A new database is built under "<db>.partial" and renamed into place when
// complete: the rename is atomic, and writing outside a transaction lets
// Xapian commit as it goes, which is much faster and leaner for large
// inputs. A leftover from an interrupted run is replaced.
Result<IngestReport> BuildNewDatabase(const std::vector<std::string>& paths,
                                      const IngestOptions& options) {
  namespace fs = std::filesystem;
  const std::string staging = options.db_path + ".partial";
  std::error_code ec;
  fs::remove_all(staging, ec);
  fs::path parent = fs::path(options.db_path).parent_path();
  if (!parent.empty() && !fs::create_directories(parent, ec) && ec) {
    return Status::IoError(options.db_path + ": cannot create the directory " +
                           parent.string() + ": " + ec.message());
  }
  Result<IngestReport> result = Status::Internal("not run");
  try {
    Xapian::WritableDatabase db(staging, Xapian::DB_CREATE_OR_OVERWRITE);
    result = RunIngest(paths, options, &db, /*transactional=*/false);
    db.close();
  } catch (const Xapian::Error& e) {
    result = FromXapian(e, options.db_path);
  }
  if (result.ok()) {
    fs::rename(staging, options.db_path, ec);
    if (ec) {
      result = Status::IoError(options.db_path +
                               ": cannot move the new "
                               "database into place: " +
                               ec.message());
    }
  }
  if (!result.ok()) fs::remove_all(staging, ec);
  return result;
}

}  // namespace

Result<IngestReport> IngestFiles(const std::vector<std::string>& paths,
                                 const IngestOptions& options) {
  if (paths.empty()) return Status::InvalidArgument("no input files given");
  if (options.db_path.empty()) {
    return Status::InvalidArgument("no database path given (--db DIR)");
  }
  std::error_code ec;
  if (!std::filesystem::exists(options.db_path, ec)) {
    return BuildNewDatabase(paths, options);
  }
  try {
    Xapian::WritableDatabase db(options.db_path, Xapian::DB_OPEN);
    Result<IngestReport> result =
        RunIngest(paths, options, &db, /*transactional=*/true);
    db.close();
    return result;
  } catch (const Xapian::Error& e) {
    return FromXapian(e, options.db_path);
  }
}

}  // namespace sift::index
