#include <fmt/core.h>

#include <filesystem>
#include <iostream>

#include "commands.h"
#include "model_paths.h"
#include "model_report.h"
#include "progress.h"
#include "reader_flags.h"
#include "sift/nlp/labelled_data.h"
#include "sift/nlp/trainer.h"

namespace sift::cli {

struct TrainArgs {
  std::vector<std::string> data, dev, test;
  // Sentiment-only files (no labels) added to the sentiment models' data.
  std::vector<std::string> sentiment_data, sentiment_dev, sentiment_test;
  std::string out;
  std::string taxonomy;
  std::string vectors;
  std::string lexicon;
  std::string phrases;
  nlp::TrainOptions options;
  bool quiet = false;
  ReaderFlags reader;
};

namespace {

std::string Checksum(std::uint64_t v) { return fmt::format("{:016x}", v); }

// Trains the sentiment head when the data carries gold sentiment; the
// report is empty (penalty 0) when it does not.
Result<nlp::SentimentTrainReport> TrainSentimentHead(
    const TrainArgs& args, const std::string& vectors_path,
    const ingest::ResponseReaderOptions& read, const nlp::LabelledSet& train,
    const nlp::LabelledSet& dev) {
  auto train_examples = train.SentimentExamples();
  auto dev_examples = dev.SentimentExamples();
  auto extra_train = nlp::ReadSentimentLabelled(args.sentiment_data, read);
  if (!extra_train.ok()) return extra_train.status();
  auto extra_dev = nlp::ReadSentimentLabelled(args.sentiment_dev, read);
  if (!extra_dev.ok()) return extra_dev.status();
  for (auto* extra : {&extra_train.value(), &extra_dev.value()}) {
    for (nlp::SentimentExample& e : *extra) e.general = true;
  }
  if (!train_examples.empty() && !dev_examples.empty()) {
    train_examples.insert(train_examples.end(), extra_train->begin(),
                          extra_train->end());
    dev_examples.insert(dev_examples.end(), extra_dev->begin(),
                        extra_dev->end());
  }
  if (train_examples.empty() || dev_examples.empty()) {
    fmt::print("No 'sentiment' field in the data: no sentiment head trained\n");
    return nlp::SentimentTrainReport{};
  }
  nlp::SentimentPaths paths{
      args.out, args.lexicon.empty() ? DefaultLexiconPath() : args.lexicon,
      vectors_path};
  std::string phrases = args.phrases.empty()
                            ? ModelsDir() + "/sentiment_phrases.tsv"
                            : args.phrases;
  nlp::SentimentTrainOptions options;
  options.seed = args.options.seed;
  auto report = nlp::TrainSentiment(train_examples, dev_examples, paths,
                                    phrases, options);
  if (!report.ok()) return report.status();
  fmt::print(
      "Sentiment: head penalty {}, rule weight {}; with the network and "
      "combiner, dev macro-F1 {:.3f}, "
      "Pearson r {:.3f} "
      "(rule layer alone: {:.3f}, r {:.3f})\n",
      report->penalty, report->rule_weight, report->dev_macro_f1,
      report->dev_pearson, report->rule_only_dev_macro_f1,
      report->rule_only_dev_pearson);
  if (report->general_dev_examples > 0) {
    fmt::print(
        "Sentiment, general dev ({} texts, general combiner over the "
        "out-of-domain probe): macro-F1 "
        "{:.3f}, Pearson r {:.3f}\n",
        report->general_dev_examples, report->general_dev_macro_f1,
        report->general_dev_pearson);
  }
  return report;
}

// Scores the trained sentiment model on `examples` into *macro_f1 and
// *pearson, and prints them as "Sentiment, <name>: ...".
Status ReportSentiment(const TrainArgs& args, const std::string& vectors_path,
                       const std::vector<nlp::SentimentExample>& examples,
                       const std::string& name, double* macro_f1,
                       double* pearson) {
  auto model = nlp::SentimentModel::Load(
      {args.out, args.lexicon.empty() ? DefaultLexiconPath() : args.lexicon,
       vectors_path});
  if (!model.ok()) return model.status();
  auto r = nlp::EvaluateSentiment(&*model, examples);
  if (!r.ok()) return r.status();
  *macro_f1 = r->macro_f1;
  *pearson = r->pearson;
  fmt::print("Sentiment, {}: macro-F1 {:.3f}, Pearson r {:.3f}\n", name,
             r->macro_f1, r->pearson);
  return Status::Ok();
}

// Scores the trained model (themes and, when trained, sentiment) on the
// test files into `facts`, printing the tables.
Status ScoreTestSplit(const TrainArgs& args, const std::string& vectors_path,
                      const nlp::Taxonomy& taxonomy,
                      const ingest::ResponseReaderOptions& read,
                      ModelCardFacts* facts) {
  auto test = nlp::ReadLabelled(args.test, taxonomy, read);
  if (!test.ok()) return test.status();
  auto classifier = nlp::Classifier::Load(args.out, vectors_path);
  if (!classifier.ok()) return classifier.status();
  auto scored = EvaluateModel(classifier.value(), test.value());
  if (!scored.ok()) return scored.status();
  facts->has_test = true;
  facts->test = scored.value();
  auto reliability = ReliabilityTable(classifier.value(), test.value());
  if (!reliability.ok()) return reliability.status();
  facts->test_reliability = reliability.value();
  fmt::print("Test split:\n{}", EvalTable(facts->test, taxonomy, false));
  if (facts->sentiment.penalty <= 0) return Status::Ok();
  SIFT_RETURN_IF_ERROR(ReportSentiment(
      args, vectors_path, test->SentimentExamples(), "test split",
      &facts->sentiment_test_macro_f1, &facts->sentiment_test_pearson));
  facts->has_sentiment_test = true;
  if (args.sentiment_test.empty()) return Status::Ok();
  auto general = nlp::ReadSentimentLabelled(args.sentiment_test, read);
  if (!general.ok()) return general.status();
  SIFT_RETURN_IF_ERROR(ReportSentiment(args, vectors_path, general.value(),
                                       "--sentiment-test",
                                       &facts->sentiment_general_test_macro_f1,
                                       &facts->sentiment_general_test_pearson));
  facts->has_sentiment_general_test = true;
  return Status::Ok();
}

}  // namespace

std::shared_ptr<TrainArgs> AddTrainCommand(CLI::App* app) {
  auto args = std::make_shared<TrainArgs>();
  CLI::App* cmd = app->add_subcommand(
      "train",
      "Train the theme classifier on labelled responses and write a "
      "model directory (model.bin, taxonomy.json, MODEL_CARD.md).");
  cmd->footer(
      "Examples:\n"
      "  sift train --data corpora/labelled/train.jsonl "
      "--dev corpora/labelled/dev.jsonl \\\n"
      "             --test corpora/labelled/test.jsonl --out models/default\n"
      "Labelled files carry a 'labels' field: a JSON list of taxonomy ids, or "
      "ids separated by ';'.");
  cmd->add_option("--data", args->data, "Training files")->required();
  cmd->add_option("--dev", args->dev,
                  "Dev files for early stopping, calibration and thresholds")
      ->required();
  cmd->add_option("--test", args->test, "Held-out files scored for the card");
  cmd->add_option("--out", args->out, "Model directory to write")->required();
  cmd->add_option("--taxonomy", args->taxonomy,
                  "Taxonomy JSON (default: models/taxonomy.json)");
  cmd->add_option(
      "--vectors", args->vectors,
      "Word-vector table (default: the one scripts/fetch-vectors.sh "
      "writes)");
  cmd->add_option("--lexicon", args->lexicon,
                  "VADER lexicon (default: the one scripts/fetch-lexicon.sh "
                  "writes)");
  cmd->add_option(
      "--sentiment-data", args->sentiment_data,
      "General opinion text for the sentiment models (text, sentiment, "
      "sentiment_score; no labels; e.g. "
      "corpora/sentiment_general/train.jsonl): every sentiment layer also "
      "learns from it");
  cmd->add_option("--sentiment-dev", args->sentiment_dev,
                  "General opinion dev files: with --sentiment-data, fit a "
                  "domain gate and a general combiner (--dev still makes "
                  "every other choice)");
  cmd->add_option("--sentiment-test", args->sentiment_test,
                  "General opinion held-out files, scored for the card");
  cmd->add_option("--sentiment-phrases", args->phrases,
                  "Sentiment phrase table (default: "
                  "models/sentiment_phrases.tsv)");
  nlp::TrainOptions& o = args->options;
  // Defaults shown in --help come from TrainOptions itself.
  cmd->add_option("--seed", o.seed,
                  "Random seed (themes and sentiment networks)")
      ->capture_default_str();
  cmd->add_option("--epochs", o.max_epochs, "Most epochs")
      ->capture_default_str();
  cmd->add_option("--patience", o.patience,
                  "Epochs without a better dev macro-F1 before stopping")
      ->capture_default_str();
  cmd->add_option("--hidden", o.hidden, "Hidden units")->capture_default_str();
  cmd->add_option("--bag-dim", o.bag_dim, "Hashed-bag embedding width")
      ->capture_default_str();
  cmd->add_option("--learning-rate", o.learning_rate, "Adam step size")
      ->capture_default_str();
  cmd->add_option("--bag-dropout", o.bag_dropout,
                  "Chance that a token's bag ids are left out of a training "
                  "example")
      ->capture_default_str();
  cmd->add_option("--input-dropout", o.input_dropout,
                  "Dropout on the dense (word-vector) inputs")
      ->capture_default_str();
  cmd->add_option("--dropout", o.dropout, "Hidden-layer dropout")
      ->capture_default_str();
  cmd->add_option("--buckets", o.features.buckets, "Hashed-bag slots")
      ->capture_default_str();
  cmd->add_flag("-q,--quiet", args->quiet, "No progress line");
  AddReaderFlags(cmd, &args->reader);
  return args;
}

int RunTrain(const TrainArgs& args, const std::string& command_line) {
  std::string taxonomy_path =
      args.taxonomy.empty() ? ModelsDir() + "/taxonomy.json" : args.taxonomy;
  std::string vectors_path =
      args.vectors.empty() ? DefaultVectorsPath() : args.vectors;
  auto taxonomy = nlp::Taxonomy::Load(taxonomy_path);
  if (!taxonomy.ok()) return Fail("train", taxonomy.status());
  auto vectors = nlp::WordVectors::Load(vectors_path);
  if (!vectors.ok()) {
    return Fail(
        "train",
        vectors.status().WithContext(
            "word vectors (run scripts/fetch-vectors.sh, or pass --vectors)"));
  }
  auto read = ToReaderOptions(args.reader);
  if (!read.ok()) return Fail("train", read.status());
  auto train = nlp::ReadLabelled(args.data, taxonomy.value(), read.value());
  if (!train.ok()) return Fail("train", train.status());
  auto dev = nlp::ReadLabelled(args.dev, taxonomy.value(), read.value());
  if (!dev.ok()) return Fail("train", dev.status());

  nlp::TrainOptions options = args.options;
  ProgressLine progress(args.quiet);
  options.progress = [&progress](int epoch, float loss, float f1) {
    progress.Show(fmt::format("epoch {}: loss {:.4f}, dev macro-F1 {:.3f}",
                              epoch, loss, f1));
  };
  auto report = nlp::Train(taxonomy.value(), vectors.value(), train->items,
                           dev->items, options, args.out);
  progress.Clear();
  if (!report.ok()) return Fail("train", report.status());
  fmt::print(
      "Trained {} in {:.1f} s: best epoch {} of {}, sentence weight {}, "
      "n-gram weight {}\n"
      "Dev split:\n{}",
      args.out, report->seconds, report->best_epoch, report->epochs_run,
      report->sentence_weight, report->ngram_weight,
      EvalTable(report->dev, taxonomy.value(), false));

  auto sentiment =
      TrainSentimentHead(args, vectors_path, read.value(), *train, *dev);
  if (!sentiment.ok()) return Fail("train", sentiment.status());

  ModelCardFacts facts;
  facts.sentiment = sentiment.value();
  facts.model_dir = args.out;
  facts.command = command_line;
  facts.train_files = args.data;
  facts.dev_files = args.dev;
  facts.test_files = args.test;
  facts.train_count = train->items.size();
  facts.dev_count = dev->items.size();
  facts.options = options;
  facts.train = report.value();
  facts.vectors_path = std::filesystem::path(vectors_path).filename().string();
  facts.vectors_checksum = Checksum(vectors->checksum());
  if (!args.test.empty()) {
    Status scored = ScoreTestSplit(args, vectors_path, taxonomy.value(),
                                   read.value(), &facts);
    if (!scored.ok()) return Fail("train", scored);
  }
  Status card = WriteModelCard(facts, taxonomy.value());
  if (!card.ok()) return Fail("train", card);
  fmt::print("Model written to {} (model.bin, taxonomy.json, MODEL_CARD.md)\n",
             args.out);
  return 0;
}

}  // namespace sift::cli
