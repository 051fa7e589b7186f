#include "model_report.h"

#include <fmt/core.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "sift/core/file.h"
#include "sift/nlp/calibration.h"

namespace sift::cli {
namespace {

// The classifier's view of each labelled response.
std::vector<nlp::ClassifierInput> Inputs(const nlp::LabelledSet& set) {
  std::vector<nlp::ClassifierInput> inputs;
  for (std::size_t i = 0; i < set.items.size(); ++i) {
    inputs.push_back({set.items[i].text, set.display_texts[i]});
  }
  return inputs;
}

}  // namespace

Result<nlp::EvalReport> EvaluateModel(nlp::Classifier& classifier,
                                      const nlp::LabelledSet& set) {
  std::vector<std::vector<int>> gold;
  for (const auto& item : set.items) gold.push_back(item.labels);
  std::vector<nlp::Prediction> predictions;
  SIFT_RETURN_IF_ERROR(classifier.Classify(Inputs(set), &predictions));
  std::vector<std::vector<int>> predicted;
  for (const auto& p : predictions) predicted.push_back(p.labels);
  return nlp::Evaluate(gold, predicted,
                       static_cast<int>(classifier.taxonomy().size()));
}

Result<std::string> ReliabilityTable(nlp::Classifier& classifier,
                                     const nlp::LabelledSet& set) {
  std::vector<nlp::Prediction> predictions;
  SIFT_RETURN_IF_ERROR(classifier.Classify(Inputs(set), &predictions));
  int count[10] = {}, gold[10] = {};
  for (std::size_t i = 0; i < predictions.size(); ++i) {
    const auto& labels = set.items[i].labels;
    for (std::size_t l = 0; l < predictions[i].scores.size(); ++l) {
      int bin = std::min(9, static_cast<int>(predictions[i].scores[l] * 10));
      ++count[bin];
      gold[bin] += std::find(labels.begin(), labels.end(),
                             static_cast<int>(l)) != labels.end();
    }
  }
  std::string out =
      "| score | scores in bin | share that were right |\n|---|---|---|\n";
  for (int b = 0; b < 10; ++b) {
    out += fmt::format(
        "| {:.1f}-{:.1f} | {} | {} |\n", b / 10.0, (b + 1) / 10.0, count[b],
        count[b] > 0 ? fmt::format("{:.2f}", double(gold[b]) / count[b]) : "-");
  }
  return out;
}

std::string EvalTable(const nlp::EvalReport& r, const nlp::Taxonomy& taxonomy,
                      bool markdown) {
  std::string out;
  if (markdown) {
    out +=
        "| label | precision | recall | F1 | support "
        "|\n|---|---|---|---|---|\n";
  } else {
    out += fmt::format("{:<22} {:>9} {:>7} {:>6} {:>8}\n", "label", "precision",
                       "recall", "F1", "support");
  }
  for (std::size_t l = 0; l < r.per_label.size(); ++l) {
    const auto& m = r.per_label[l];
    const std::string& id = taxonomy.labels()[l].id;
    out += markdown ? fmt::format("| {} | {:.3f} | {:.3f} | {:.3f} | {} |\n",
                                  id, m.precision, m.recall, m.f1, m.support)
                    : fmt::format("{:<22} {:>9.3f} {:>7.3f} {:>6.3f} {:>8}\n",
                                  id, m.precision, m.recall, m.f1, m.support);
  }
  out += fmt::format(
      "{}micro-F1 {:.3f}, macro-F1 {:.3f}; labels per response: gold {:.2f}, "
      "predicted {:.2f} ({} responses)\n",
      markdown ? "\n" : "", r.micro_f1, r.macro_f1, r.gold_cardinality,
      r.predicted_cardinality, r.texts);
  return out;
}

nlohmann::ordered_json EvalJson(const nlp::EvalReport& r,
                                const nlp::Taxonomy& taxonomy) {
  return nlohmann::ordered_json::parse(nlp::EvalReportJson(r, taxonomy));
}

namespace {

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "`" : ", `") + s + "`";
  return out.empty() ? "(none)" : out;
}

}  // namespace

std::string SentimentSection(const ModelCardFacts& f) {
  if (f.sentiment.penalty <= 0) return "";
  std::string s = fmt::format(
      "\n## Sentiment (sentiment.json, sentiment_network/)\n"
      "Rule layer: VADER's lexicon and rules with "
      "models/sentiment_phrases.tsv. Head: ridge regression (penalty {}) on "
      "the rule scores and the SIF word-vector mean, blended with the rule "
      "layer's own score (weight {}), both chosen on dev Pearson r. "
      "Sentiment network (sentiment_network/): the theme classifier's "
      "architecture trained on the three polarities. N-gram model "
      "(sentiment_ngrams.bin): one-vs-rest logistic regressions over the "
      "text's word unigrams and bigrams weighted by naive-Bayes log-count "
      "ratios (NBSVM). Combiner: a multinomial logistic regression over the "
      "head and rule scores, the lowest and highest sentence scores, the "
      "network's and the n-gram model's probabilities, fitted on dev; the dev "
      "row is 5-fold cross-validated. The class is "
      "the most probable after a bias per class (`class_bias` in "
      "sentiment.json) tuned on those cross-validated probabilities for "
      "macro-F1, as the log-loss fit under-calls neutral; the dev macro-F1 "
      "below scores each fold with biases tuned on the other four. When "
      "training "
      "had general opinion text (--sentiment-data, e.g. "
      "corpora/sentiment_general/), every layer also learned from it, and a "
      "domain gate (a logistic regression on the head's features: is this "
      "a response or general text?) mixes the combiner above with a "
      "general combiner fitted on the general dev texts as an out-of-domain "
      "probe reads them: the head, network and n-gram model trained on the "
      "responses alone, so that it trusts each layer only as far as it "
      "carries over to a kind of text it never saw.\n\n"
      "| split | macro-F1 | Pearson r |\n|---|---|---|\n"
      "| dev | {:.3f} | {:.3f} |\n",
      f.sentiment.penalty, f.sentiment.rule_weight, f.sentiment.dev_macro_f1,
      f.sentiment.dev_pearson);
  if (f.has_sentiment_test) {
    s += fmt::format("| test | {:.3f} | {:.3f} |\n", f.sentiment_test_macro_f1,
                     f.sentiment_test_pearson);
  }
  if (f.has_sentiment_general_test) {
    s += fmt::format("| test, general opinion text | {:.3f} | {:.3f} |\n",
                     f.sentiment_general_test_macro_f1,
                     f.sentiment_general_test_pearson);
  }
  if (f.sentiment.general_dev_examples > 0) {
    s += fmt::format(
        "| dev, general opinion text, out-of-domain probe | {:.3f} | "
        "{:.3f} |\n",
        f.sentiment.general_dev_macro_f1, f.sentiment.general_dev_pearson);
  }
  s += fmt::format("| dev, rule layer alone (+-0.05) | {:.3f} | {:.3f} |\n",
                   f.sentiment.rule_only_dev_macro_f1,
                   f.sentiment.rule_only_dev_pearson);
  return s;
}

Status WriteModelMetrics(const ModelCardFacts& f) {
  nlohmann::ordered_json j;
  j["model"] = f.train.version;
  j["dev"] = {{"macro_f1", f.train.dev.macro_f1},
              {"micro_f1", f.train.dev.micro_f1}};
  if (f.has_test) {
    j["test"] = {{"macro_f1", f.test.macro_f1},
                 {"micro_f1", f.test.micro_f1},
                 {"responses", f.test.texts}};
  }
  if (f.sentiment.penalty > 0) {
    j["sentiment"] = {{"dev_macro_f1", f.sentiment.dev_macro_f1},
                      {"dev_pearson", f.sentiment.dev_pearson}};
    if (f.has_sentiment_test) {
      j["sentiment"]["test_macro_f1"] = f.sentiment_test_macro_f1;
      j["sentiment"]["test_pearson"] = f.sentiment_test_pearson;
    }
    if (f.has_sentiment_general_test) {
      j["sentiment"]["general_test_macro_f1"] =
          f.sentiment_general_test_macro_f1;
      j["sentiment"]["general_test_pearson"] = f.sentiment_general_test_pearson;
    }
  }
  return WriteFileAtomically(f.model_dir + "/metrics.json", j.dump(2) + "\n");
}

// The card's title and what the model is.
std::string CardIntroduction(const ModelCardFacts& f,
                             const nlp::Taxonomy& taxonomy) {
  return fmt::format(
      "# Model card: sift theme classifier\n\n"
      "Version: `{}`\n\n"
      "## What it does\n"
      "Assigns the labels of `taxonomy.json` ({}) to consultation responses, "
      "several per response, with calibrated scores. Intended to help analysts "
      "find and count what respondents said about each theme; not for "
      "decisions "
      "about individual respondents. English only.\n\n"
      "## Model\n"
      "Input: the SIF-weighted mean and the element-wise maximum of the "
      "response's GloVe 6B 100d vectors (the converted table `{}`, checksum "
      "`{}`), their cosine with each label's own description in the taxonomy, "
      "and the mean of a learned {}-dimensional hashed embedding bag over word "
      "unigrams, bigrams and character {}-{}-grams ({} buckets). One hidden "
      "layer of {} ReLU units, one "
      "sigmoid per label; inference runs on oneDNN. Trained with Adam "
      "(learning rate {}, batch {}, dropout {}, input dropout {}, bag "
      "dropout {}: a token's bag ids are left out of a training example with "
      "that chance), early stopping on dev "
      "macro-F1 (best epoch {} of {}), seed {}. Sentence pooling: a response "
      "of two or more sentences (bullets count) is scored from its own logit "
      "and its best sentence's, logit' = (1 - w) logit + w max, with w = {} "
      "chosen on dev (0 would mean none). N-gram model (ngrams.bin): "
      "one-vs-rest logistic regressions over the response's word unigrams "
      "and bigrams weighted by naive-Bayes log-count ratios (NBSVM); every "
      "logit, a response's or a sentence's, is (1 - m) network + m n-gram, "
      "with m = {} chosen on dev with w (0 would mean none). Scores are "
      "Platt-calibrated on dev; thresholds are tuned on dev for F1.\n\n",
      f.train.version, taxonomy.name(), f.vectors_path, f.vectors_checksum,
      f.options.bag_dim, f.options.features.char_min,
      f.options.features.char_max, f.options.features.buckets, f.options.hidden,
      f.options.learning_rate, f.options.batch, f.options.dropout,
      f.options.input_dropout, f.options.bag_dropout, f.train.best_epoch,
      f.train.epochs_run, f.options.seed, f.train.sentence_weight,
      f.train.ngram_weight);
}

Status WriteModelCard(const ModelCardFacts& f, const nlp::Taxonomy& taxonomy) {
  SIFT_RETURN_IF_ERROR(WriteModelMetrics(f));
  std::string card = CardIntroduction(f, taxonomy);
  card += fmt::format(
      "## Data\nTrain: {} ({} responses). Dev: {} ({} responses). Test: {}.\n"
      "The bundled corpus (`corpora/labelled/`) is synthetic, written for this "
      "project and labelled by `../shared/LABEL_GUIDE.md`; see its README. "
      "Nothing under `../shared/data/` was used for training or tuning.\n\n",
      Join(f.train_files), f.train_count, Join(f.dev_files), f.dev_count,
      Join(f.test_files));
  card += "## Thresholds\n| label | threshold |\n|---|---|\n";
  for (std::size_t l = 0; l < f.train.thresholds.size(); ++l) {
    card += fmt::format("| {} | {:.3f} |\n", taxonomy.labels()[l].id,
                        f.train.thresholds[l]);
  }
  card += "\n## Dev split (used for early stopping, calibration, thresholds)\n";
  card += EvalTable(f.train.dev, taxonomy, true);
  if (f.has_test) {
    card += "\n## Test split (held out; the honest figures)\n";
    card += EvalTable(f.test, taxonomy, true);
    card +=
        "\n### Calibration on the test split\n"
        "A calibrated score of 0.8 should be right about 80% of the time.\n\n";
    card += f.test_reliability;
  }
  card += SentimentSection(f);
  card += fmt::format(
      "\n## Limits\n"
      "- Trained on synthetic responses: real consultation prose is messier, "
      "longer-tailed and less on-topic; expect lower scores on real data.\n"
      "- Labels come from one writer per response with a sampled review "
      "(about 7% label error in the review sample; see the corpus README).\n"
      "- Words outside the GloVe vocabulary count only through their character "
      "n-grams; new jargon may be missed.\n"
      "- Calibration and thresholds were fitted on {} dev responses; rare "
      "labels' scores are the least reliable.\n"
      "- Sentiment is English only and learned from synthetic text; on "
      "real general text (tweets, reviews, editorials) it is far weaker "
      "than on responses, and VADER's rules can beat it there (on tweets, "
      "README, Benchmarks); implicit sentiment (a problem described without "
      "emotive words) is its weakest point.\n"
      "- Side-by-side benchmarks (fastText for themes, VADER for sentiment) "
      "are in the README's Benchmarks section.\n\n"
      "## Reproduce\n```sh\n{}\n```\n",
      f.dev_count, f.command);
  return WriteFileAtomically(f.model_dir + "/MODEL_CARD.md", card);
}

}  // namespace sift::cli
