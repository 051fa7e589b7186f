#include <fmt/core.h>

#include <fstream>
#include <future>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>

#include "commands.h"
#include "model_paths.h"
#include "progress.h"
#include "reader_flags.h"
#include "sift/ingest/campaigns.h"
#include "sift/nlp/analyzer.h"

namespace sift::cli {

struct ClassifyArgs {
  std::vector<std::string> files;
  std::string model;
  std::string vectors;
  std::string lexicon;
  bool no_sentiment = false;
  bool no_campaigns = false;
  std::string out;
  std::string format = "jsonl";
  bool explain = false;
  bool sentences = false;
  bool quiet = false;
  ReaderFlags reader;
};

namespace {

constexpr std::size_t kChunk = 4096;  // responses classified per call

double Round4(float v) {
  return std::round(static_cast<double>(v) * 1e4) / 1e4;
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

// Each sentence of `a` with its sentiment and the themes it carries.
nlohmann::ordered_json SentencesJson(const ingest::Response& r,
                                     const nlp::Analysis& a,
                                     const std::vector<nlp::Label>& labels) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  const auto& sentences = a.sentiment.sentences;
  for (std::size_t k = 0; k < sentences.size(); ++k) {
    nlohmann::ordered_json themes = nlohmann::ordered_json::array();
    if (k < a.sentence_labels.size()) {
      for (int l : a.sentence_labels[k]) themes.push_back(labels[l].id);
    }
    list.push_back({{"text", sentences[k].span.Of(r.display_text)},
                    {"sentiment", nlp::PolarityName(sentences[k].polarity)},
                    {"sentiment_score", Round4(sentences[k].score)},
                    {"themes", std::move(themes)}});
  }
  return list;
}

// Writes predictions in input order, as JSONL or CSV.
class PredictionWriter {
 public:
  // `sentences`: JSONL records also list each sentence (SentencesJson).
  PredictionWriter(std::ostream* out, const nlp::Taxonomy& taxonomy, bool csv,
                   bool sentences)
      : out_(out), taxonomy_(taxonomy), csv_(csv), sentences_(sentences) {
    if (!csv_) return;
    *out_ << "id,labels,needs_review,sentiment,sentiment_score,sector,"
             "sector_raw,campaign";
    for (const auto& l : taxonomy_.labels()) *out_ << ",score_" << l.id;
    *out_ << ",sentiment_confidence\n";
  }

  // `campaign` is the response's campaign id, or "".
  void Write(const ingest::Response& r, const nlp::Analysis& a,
             const std::string& campaign,
             const std::vector<nlp::Explanation>* why) {
    const auto& labels = taxonomy_.labels();
    const nlp::Prediction& p = a.themes;
    std::string sentiment =
        a.has_sentiment ? std::string(nlp::PolarityName(a.sentiment.polarity))
                        : "";
    if (csv_) {
      std::string names;
      for (int l : p.labels) names += (names.empty() ? "" : ";") + labels[l].id;
      *out_ << CsvField(r.id) << ',' << CsvField(names) << ','
            << (p.needs_review ? "true" : "false") << ',' << sentiment << ','
            << (a.has_sentiment ? fmt::format("{}", Round4(a.sentiment.score))
                                : "")
            << ',' << CsvField(r.sector) << ',' << CsvField(r.sector_raw) << ','
            << CsvField(campaign);
      for (float s : p.scores) *out_ << ',' << Round4(s);
      *out_ << ','
            << (a.sentiment.has_confidence()
                    ? fmt::format("{}", Round4(static_cast<float>(
                                            a.sentiment.confidence())))
                    : "")
            << "\n";
      return;
    }
    nlohmann::ordered_json j;
    j["id"] = r.id;
    j["labels"] = nlohmann::ordered_json::array();
    for (int l : p.labels) j["labels"].push_back(labels[l].id);
    j["scores"] = nlohmann::ordered_json::object();
    for (std::size_t l = 0; l < p.scores.size(); ++l) {
      j["scores"][labels[l].id] = Round4(p.scores[l]);
    }
    j["needs_review"] = p.needs_review;
    if (a.has_sentiment) {
      j["sentiment"] = sentiment;
      j["sentiment_score"] = Round4(a.sentiment.score);
      j["sentiment_confidence"] =
          a.sentiment.has_confidence()
              ? nlohmann::ordered_json(
                    Round4(static_cast<float>(a.sentiment.confidence())))
              : nlohmann::ordered_json(nullptr);
      j["theme_sentiment"] = nlohmann::ordered_json::object();
      j["theme_sentiment_class"] = nlohmann::ordered_json::object();
      for (const nlp::ThemeSentiment& t : a.theme_sentiment) {
        j["theme_sentiment"][labels[t.label].id] = Round4(t.score);
        j["theme_sentiment_class"][labels[t.label].id] =
            nlp::PolarityName(t.polarity);
      }
      if (sentences_) j["sentences"] = SentencesJson(r, a, labels);
    }
    j["sector"] = r.sector;
    j["sector_raw"] = r.sector_raw;
    j["campaign"] = campaign.empty() ? nlohmann::ordered_json(nullptr)
                                     : nlohmann::ordered_json(campaign);
    if (why != nullptr) {
      j["explain"] = nlohmann::ordered_json::object();
      for (const auto& e : *why) {
        auto& list = j["explain"][labels[e.label].id] =
            nlohmann::ordered_json::array();
        for (const auto& [phrase, weight] : e.evidence) {
          list.push_back({{"text", phrase}, {"weight", Round4(weight)}});
        }
      }
    }
    *out_ << j.dump(-1, ' ', false,
                    nlohmann::ordered_json::error_handler_t::replace)
          << "\n";
  }

 private:
  std::ostream* out_;
  const nlp::Taxonomy& taxonomy_;
  bool csv_;
  bool sentences_;
};

}  // namespace

std::shared_ptr<ClassifyArgs> AddClassifyCommand(CLI::App* app) {
  auto args = std::make_shared<ClassifyArgs>();
  CLI::App* cmd = app->add_subcommand(
      "classify",
      "Label each response of export files with the taxonomy's "
      "themes: one output record per response, in input order.");
  cmd->footer(
      "Examples:\n"
      "  sift classify new.csv --out labels.jsonl\n"
      "  sift classify export.xlsx --text 'Q*' --format csv --out labels.csv\n"
      "  sift classify new.jsonl --explain | head\n"
      "  sift classify new.jsonl --sentences | head");
  cmd->add_option("files", args->files, "Export files to read")->required();
  cmd->add_option("--model", args->model,
                  "Model directory (default: the bundled "
                  "models/default)");
  cmd->add_option("--vectors", args->vectors, "Word-vector table");
  cmd->add_flag("--no-campaigns", args->no_campaigns,
                "Skip the first pass that finds campaigns among the inputs "
                "(campaign stays null)");
  cmd->add_flag("--no-sentiment", args->no_sentiment,
                "Themes only: skip sentiment (and theme sentiment)");
  cmd->add_option("--lexicon", args->lexicon,
                  "VADER sentiment lexicon (default: the one "
                  "scripts/fetch-lexicon.sh writes)");
  cmd->add_option("--out", args->out, "Output file (default: standard output)");
  cmd->add_option("--format", args->format, "jsonl or csv")
      ->check(CLI::IsMember({"jsonl", "csv"}));
  cmd->add_flag("--explain", args->explain,
                "Add, per assigned label, the words that pushed it most");
  cmd->add_flag("--sentences", args->sentences,
                "Add each sentence with its sentiment (class and score) and "
                "the themes it carries (JSONL only)");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress line");
  AddReaderFlags(cmd, &args->reader, "--input-format");
  return args;
}

namespace {

struct Chunk {
  std::vector<ingest::Response> responses;
  std::vector<ingest::Rejection> rejections;
};

// Reads files one after another, kChunk responses at a time (a chunk may
// span files). Not thread-safe; one thread at a time may call Next().
class ChunkReader {
 public:
  ChunkReader(const std::vector<std::string>& paths,
              const ingest::ResponseReaderOptions& options)
      : paths_(paths), options_(options) {}

  // Fills *chunk (emptied first) with the next responses and the rows
  // rejected among them; both are empty at the end of the last file.
  Status Next(Chunk* chunk) {
    chunk->responses.clear();
    chunk->rejections.clear();
    ingest::ResponseItem item;
    while (chunk->responses.size() < kChunk) {
      if (!reader_) {
        if (next_path_ == paths_.size()) return Status::Ok();
        auto opened =
            ingest::ResponseReader::Open(paths_[next_path_++], options_);
        if (!opened.ok()) return opened.status();
        reader_.emplace(std::move(opened.value()));
      }
      SIFT_RETURN_IF_ERROR(reader_->Next(&item));
      if (item.kind == ingest::ResponseItem::Kind::kEnd) {
        reader_.reset();
      } else if (item.kind == ingest::ResponseItem::Kind::kRejected) {
        chunk->rejections.push_back(std::move(item.rejection));
      } else {
        chunk->responses.push_back(std::move(item.response));
      }
    }
    return Status::Ok();
  }

 private:
  const std::vector<std::string>& paths_;
  const ingest::ResponseReaderOptions& options_;
  std::size_t next_path_ = 0;
  std::optional<ingest::ResponseReader> reader_;
};

// Reads responses, classifies them a chunk at a time, writes predictions
// in input order and counts what it did.
class ClassifyJob {
 public:
  ClassifyJob(const ClassifyArgs& args, nlp::ResponseAnalyzer* analyzer,
              PredictionWriter* writer)
      : args_(args),
        analyzer_(analyzer),
        writer_(writer),
        progress_(args.quiet) {}

  // A first pass over the files: the campaigns among their responses.
  Status FindCampaigns(const std::vector<std::string>& paths,
                       const ingest::ResponseReaderOptions& options) {
    ingest::CampaignFinder finder;
    std::vector<std::string> ids;
    for (const std::string& path : paths) {
      auto reader = ingest::ResponseReader::Open(path, options);
      if (!reader.ok()) return reader.status();
      ingest::ResponseItem item;
      while (true) {
        SIFT_RETURN_IF_ERROR(reader->Next(&item));
        if (item.kind == ingest::ResponseItem::Kind::kEnd) break;
        if (item.kind != ingest::ResponseItem::Kind::kResponse) continue;
        finder.Add(item.response.display_text);
        ids.push_back(std::move(item.response.id));
      }
    }
    for (const ingest::Campaign& c : finder.Find()) {
      for (std::size_t m : c.members) campaigns_[ids[m]] = c.id;
    }
    return Status::Ok();
  }

  // Classifies every response of `paths`, in order. The next chunk is read
  // (parsed, normalised, redacted) on a second thread while this one is
  // classified and written, so reading costs no wall time of its own.
  Status ClassifyFiles(const std::vector<std::string>& paths,
                       const ingest::ResponseReaderOptions& options) {
    ChunkReader reader(paths, options);
    Chunk chunk;
    SIFT_RETURN_IF_ERROR(reader.Next(&chunk));
    while (!chunk.responses.empty() || !chunk.rejections.empty()) {
      Chunk next;
      auto reading = std::async(
          std::launch::async, [&reader, &next] { return reader.Next(&next); });
      Report(chunk.rejections);
      Status classified = Flush(chunk.responses);
      Status read = reading.get();
      SIFT_RETURN_IF_ERROR(classified);
      SIFT_RETURN_IF_ERROR(read);
      chunk = std::move(next);
    }
    return Status::Ok();
  }

  void Report(const std::vector<ingest::Rejection>& rejections) {
    for (const ingest::Rejection& r : rejections) {
      ++rejected_;
      std::cerr << "rejected " << r.file << ":" << r.line << ": " << r.reason
                << "\n";
    }
  }

  Status Flush(const std::vector<ingest::Response>& responses) {
    if (responses.empty()) return Status::Ok();
    std::vector<nlp::AnalyzerInput> inputs;
    for (const auto& r : responses) inputs.push_back({r.text, r.display_text});
    SIFT_RETURN_IF_ERROR(analyzer_->Analyze(inputs, &analyses_));
    for (std::size_t i = 0; i < responses.size(); ++i) {
      std::vector<nlp::Explanation> why;
      if (args_.explain) {
        auto e = analyzer_->classifier().Explain(
            {responses[i].text, responses[i].display_text}, 5);
        if (!e.ok()) return e.status();
        why = std::move(e.value());
      }
      auto campaign = campaigns_.find(responses[i].id);
      writer_->Write(responses[i], analyses_[i],
                     campaign == campaigns_.end() ? "" : campaign->second,
                     args_.explain ? &why : nullptr);
    }
    classified_ += static_cast<std::int64_t>(responses.size());
    progress_.Show(fmt::format("{} responses classified", classified_));
    return Status::Ok();
  }

  void Finish() {
    progress_.Clear();
    if (!args_.quiet || rejected_ > 0) {
      std::cerr << fmt::format(
          "sift classify: {} responses classified, {} rejected (model {})\n",
          classified_, rejected_, analyzer_->classifier().version());
    }
  }

 private:
  const ClassifyArgs& args_;
  nlp::ResponseAnalyzer* analyzer_;
  PredictionWriter* writer_;
  ProgressLine progress_;
  std::int64_t classified_ = 0, rejected_ = 0;
  std::vector<nlp::Analysis> analyses_;
  std::unordered_map<std::string, std::string> campaigns_;  // id -> campaign
};

}  // namespace

int RunClassify(const ClassifyArgs& args) {
  auto read = ToReaderOptions(args.reader);
  if (!read.ok()) return Fail("classify", read.status());
  if (args.sentences && (args.format == "csv" || args.no_sentiment)) {
    return Fail("classify",
                Status::InvalidArgument(
                    "--sentences lists sentences with their sentiment: it "
                    "needs JSONL output and sentiment (not --format csv or "
                    "--no-sentiment)"));
  }
  auto analyzer = nlp::ResponseAnalyzer::Load(
      {args.model.empty() ? DefaultModelDir() : args.model,
       args.vectors.empty() ? DefaultVectorsPath() : args.vectors,
       args.lexicon.empty() ? DefaultLexiconPath() : args.lexicon,
       !args.no_sentiment});
  if (!analyzer.ok()) return Fail("classify", analyzer.status());
  std::ofstream file;
  if (!args.out.empty()) {
    file.open(args.out, std::ios::binary | std::ios::trunc);
    if (!file)
      return Fail("classify", Status::IoError(args.out + ": cannot write"));
  }
  std::ostream& out = args.out.empty() ? std::cout : file;
  PredictionWriter writer(&out, analyzer->classifier().taxonomy(),
                          args.format == "csv", args.sentences);
  ClassifyJob job(args, &analyzer.value(), &writer);
  if (!args.no_campaigns) {
    if (Status s = job.FindCampaigns(args.files, read.value()); !s.ok()) {
      return Fail("classify", s);
    }
  }
  if (Status s = job.ClassifyFiles(args.files, read.value()); !s.ok()) {
    return Fail("classify", s);
  }
  job.Finish();
  out.flush();
  if (!out) return Fail("classify", Status::IoError("cannot write the output"));
  return 0;
}

}  // namespace sift::cli
