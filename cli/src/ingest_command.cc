#include <fmt/core.h>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "model_paths.h"
#include "progress.h"
#include "reader_flags.h"
#include "sift/core/file.h"
#include "sift/index/indexer.h"

namespace sift::cli {

struct IngestArgs {
  std::vector<std::string> files;
  std::string db;
  std::string report;
  ReaderFlags reader;
  std::string model;
  std::string vectors;
  std::string lexicon;
  bool no_classify = false;
  bool quiet = false;
};

namespace {

nlohmann::ordered_json ReportJson(const index::IngestReport& r) {
  nlohmann::ordered_json j;
  j["rows_read"] = r.rows_read;
  j["respondents"] = r.respondents;
  j["indexed"] = r.indexed;
  j["duplicates"] = r.duplicates;
  nlohmann::ordered_json rejected = nlohmann::ordered_json::array();
  for (const auto& x : r.rejected) {
    rejected.push_back(
        {{"file", x.file}, {"line", x.line}, {"reason", x.reason}});
  }
  j["rejected"] = std::move(rejected);
  nlohmann::ordered_json redactions = nlohmann::ordered_json::object();
  for (int k = 0; k < ingest::kPiiKindCount; ++k) {
    redactions[ingest::PiiKindName(static_cast<ingest::PiiKind>(k))] =
        r.redactions.by_kind[k];
  }
  j["redactions"] = std::move(redactions);
  j["redaction"] = r.redaction;
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const auto& f : r.files) {
    nlohmann::ordered_json columns = nlohmann::ordered_json::object();
    for (const auto& [field, column] : f.columns) columns[field] = column;
    files.push_back({{"path", f.path},
                     {"rows_read", f.rows_read},
                     {"respondents", f.respondents},
                     {"indexed", f.indexed},
                     {"rejected", f.rejected},
                     {"encoding",
                      {{"source", f.decode.source_encoding},
                       {"repaired_values", f.decode.repaired_values},
                       {"replaced_chars", f.decode.replaced_chars},
                       {"mojibake_values", f.decode.mojibake_values},
                       {"legacy_encoding", f.decode.legacy_encoding}}},
                     {"columns", std::move(columns)}});
  }
  j["files"] = std::move(files);
  j["database"] = {{"path", r.db_path}, {"documents", r.database_documents}};
  j["model"] = r.model;
  nlohmann::ordered_json themes = nlohmann::ordered_json::object();
  for (const auto& [id, count] : r.themes) themes[id] = count;
  j["themes"] = std::move(themes);
  j["needs_review"] = r.needs_review;
  j["sentiment"] = {{"negative", r.sentiment[0]},
                    {"neutral", r.sentiment[1]},
                    {"positive", r.sentiment[2]}};
  nlohmann::ordered_json unmapped = nlohmann::ordered_json::array();
  for (const auto& [value, count] : r.unmapped_sectors) {
    unmapped.push_back({{"value", value}, {"count", count}});
  }
  j["unmapped_sectors"] = std::move(unmapped);
  j["campaigns"] = {{"campaigns", r.campaigns},
                    {"members", r.campaign_members},
                    {"repeated_answers", r.repeated_answers},
                    {"repeated_answer_members", r.repeated_answer_members}};
  j["seconds"] = r.seconds;
  return j;
}

void PrintSummary(const index::IngestReport& r) {
  fmt::print("Ingested {} file{} into {} in {:.1f} s\n", r.files.size(),
             r.files.size() == 1 ? "" : "s", r.db_path, r.seconds);
  fmt::print("  rows read    {:>8}  ({} respondent rows)\n", r.rows_read,
             r.respondents);
  fmt::print("  indexed      {:>8}  ({} marked as exact duplicates)\n",
             r.indexed, r.duplicates);
  fmt::print("  rejected     {:>8}\n", r.rejected.size());
  std::string red;
  for (int k = 0; k < ingest::kPiiKindCount; ++k) {
    if (!red.empty()) red += ", ";
    red += fmt::format("{} {}",
                       ingest::PiiKindName(static_cast<ingest::PiiKind>(k)),
                       r.redactions.by_kind[k]);
  }
  fmt::print("  redactions   {:>8}  ({})\n",
             r.redaction ? std::to_string(r.redactions.total()) : "off", red);
  for (const auto& f : r.files) {
    const ingest::DecodeStats& d = f.decode;
    if (d.repaired_values > 0 || d.replaced_chars > 0) {
      fmt::print(
          "  encoding     {}: {} values decoded from {}, {} characters "
          "unreadable\n",
          f.path, d.repaired_values, d.legacy_encoding, d.replaced_chars);
    }
    if (d.mojibake_values > 0) {
      fmt::print("  mojibake     {}: {} values repaired (\"â€™\" -> \"’\")\n",
                 f.path, d.mojibake_values);
    }
  }
  if (!r.model.empty()) {
    std::string themes;
    for (const auto& [id, count] : r.themes) {
      themes += fmt::format("{}{} {}", themes.empty() ? "" : ", ", id, count);
    }
    fmt::print("  themes       {} ({} flagged for review)\n", themes,
               r.needs_review);
  }
  if (r.sentiment[0] + r.sentiment[1] + r.sentiment[2] > 0) {
    fmt::print("  sentiment    negative {}, neutral {}, positive {}\n",
               r.sentiment[0], r.sentiment[1], r.sentiment[2]);
  }
  fmt::print("  campaigns    {} ({} responses; see sift campaigns)\n",
             r.campaigns, r.campaign_members);
  if (r.repeated_answers > 0) {
    fmt::print(
        "  repeated     {} short answers given word for word by {} "
        "responses (not campaigns; see sift campaigns)\n",
        r.repeated_answers, r.repeated_answer_members);
  }
  fmt::print("  database     {} responses in all\n", r.database_documents);
  const std::size_t shown = std::min<std::size_t>(r.rejected.size(), 20);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& x = r.rejected[i];
    fmt::print("  rejected {}:{}: {}\n", x.file, x.line, x.reason);
  }
  if (r.rejected.size() > shown) {
    fmt::print("  ... and {} more rejections (see --report)\n",
               r.rejected.size() - shown);
  }
}

Result<index::IngestOptions> BuildOptions(const IngestArgs& args) {
  auto read = ToReaderOptions(args.reader);
  if (!read.ok()) return read.status();
  index::IngestOptions o;
  o.db_path = args.db;
  o.read = std::move(read.value());
  if (args.no_classify) return o;
  // An explicit --model must work; the bundled one is used when it can be.
  o.model_dir = args.model.empty() ? DefaultModelDir() : args.model;
  o.vectors_path = args.vectors.empty() ? DefaultVectorsPath() : args.vectors;
  o.lexicon_path = args.lexicon.empty() ? DefaultLexiconPath() : args.lexicon;
  std::error_code ec;
  if (args.model.empty() &&
      (!std::filesystem::exists(o.model_dir + "/model.bin", ec) ||
       !std::filesystem::exists(o.vectors_path, ec))) {
    std::cerr << "sift ingest: no themes this time: the classifier needs "
              << o.vectors_path << " (run scripts/fetch-vectors.sh)\n";
    o.model_dir.clear();
  }
  return o;
}

}  // namespace

std::shared_ptr<IngestArgs> AddIngestCommand(CLI::App* app) {
  auto args = std::make_shared<IngestArgs>();
  CLI::App* cmd = app->add_subcommand(
      "ingest",
      "Read export files (CSV, JSONL, XLSX), repair encodings, normalise and "
      "redact the text, and index every response in a Xapian database.");
  cmd->footer(
      "Examples:\n"
      "  sift ingest responses.csv --db out/db --report out/ingest.json\n"
      "  sift ingest export.xlsx --db out/db --text 'Q*'\n"
      "  sift ingest wide.csv --db out/db --text Q1 --text Q2 "
      "--map id='Response ID'\n"
      "Every row ends indexed or rejected with file, line and reason; "
      "rows_read = indexed + rejected in the report.");
  cmd->add_option("files", args->files, "Export files to read")->required();
  cmd->add_option("--db", args->db, "Database directory (created if absent)")
      ->required();
  cmd->add_option("--report", args->report, "Write the run's report as JSON");
  cmd->add_option("--model", args->model,
                  "Classifier model directory (default: the bundled model, "
                  "when its word vectors are installed)");
  cmd->add_option("--vectors", args->vectors, "Word-vector table");
  cmd->add_option("--lexicon", args->lexicon,
                  "VADER sentiment lexicon (default: the one "
                  "scripts/fetch-lexicon.sh writes)");
  cmd->add_flag("--no-classify", args->no_classify,
                "Index without assigning themes");
  AddReaderFlags(cmd, &args->reader);
  cmd->add_flag("-q,--quiet", args->quiet, "No progress line");
  return args;
}

int RunIngest(const IngestArgs& args) {
  auto options = BuildOptions(args);
  if (!options.ok()) return Fail("ingest", options.status());
  ProgressLine progress(args.quiet);
  if (progress.enabled()) {
    options->progress = [&progress](const index::IngestProgress& p) {
      progress.Show(
          fmt::format("{}: {} rows, {} indexed, {} rejected, {:.0f} rows/s",
                      p.file, p.rows_read, p.indexed, p.rejected,
                      p.seconds > 0 ? p.rows_read / p.seconds : 0.0));
    };
  }
  auto report = index::IngestFiles(args.files, options.value());
  progress.Clear();
  if (!report.ok()) {
    std::cerr << "sift ingest: " << report.status().message()
              << "\nNothing was written to " << args.db << ".\n";
    return 1;
  }
  PrintSummary(report.value());
  if (!args.report.empty()) {
    Status written = WriteFileAtomically(
        args.report,
        ReportJson(report.value())
                .dump(2, ' ', false,
                      nlohmann::ordered_json::error_handler_t::replace) +
            "\n");
    if (!written.ok()) {
      std::cerr << "sift ingest: cannot write the report: " << written.message()
                << "\n";
      return 1;
    }
    fmt::print("  report       {}\n", args.report);
  }
  return 0;
}

}  // namespace sift::cli
