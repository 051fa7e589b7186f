#include "sift/nlp/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>

#include "byte_io.h"
#include "model.h"
#include "network_trainer.h"
#include "ngram_model.h"
#include "ngram_training.h"
#include "sentence_pooling.h"
#include "sift/core/file.h"
#include "sift/core/version.h"
#include "sift/nlp/calibration.h"

namespace sift::nlp {
namespace {

Result<std::vector<TextFeatures>> Featurize(
    const WordVectors& vectors, const Model& model,
    const std::vector<LabelledText>& data) {
  auto featurizer = Featurizer::Create(&vectors, model.features);
  if (!featurizer.ok()) return featurizer.status();
  featurizer->SetPrototypes(model.prototypes, model.labels());
  std::vector<TextFeatures> out(data.size());
  for (std::size_t i = 0; i < data.size(); ++i) {
    featurizer->Extract(data[i].text, &out[i]);
    out[i].tokens.clear();
  }
  return out;
}

std::vector<std::vector<bool>> GoldMatrix(const std::vector<LabelledText>& data,
                                          int labels) {
  std::vector<std::vector<bool>> by_label(
      labels, std::vector<bool>(data.size(), false));
  for (std::size_t i = 0; i < data.size(); ++i) {
    for (int l : data[i].labels) by_label[l][i] = true;
  }
  return by_label;
}

std::vector<std::vector<int>> GoldLists(const std::vector<LabelledText>& data) {
  std::vector<std::vector<int>> out;
  for (const auto& d : data) out.push_back(d.labels);
  return out;
}

// Predictions with per-label `thresholds` on `scores[label][text]`.
std::vector<std::vector<int>> Assign(
    const std::vector<std::vector<float>>& scores,
    const std::vector<float>& thresholds) {
  std::vector<std::vector<int>> out(scores.empty() ? 0 : scores[0].size());
  for (std::size_t l = 0; l < scores.size(); ++l) {
    for (std::size_t i = 0; i < scores[l].size(); ++i) {
      if (scores[l][i] >= thresholds[l]) out[i].push_back(static_cast<int>(l));
    }
  }
  return out;
}

// Dev macro-F1 with each label's threshold tuned on the same scores: the
// early-stopping criterion.
double TunedMacroF1(const std::vector<std::vector<float>>& scores,
                    const std::vector<std::vector<bool>>& gold,
                    const std::vector<LabelledText>& dev) {
  std::vector<float> thresholds;
  for (std::size_t l = 0; l < scores.size(); ++l) {
    thresholds.push_back(BestF1Threshold(scores[l], gold[l]));
  }
  return Evaluate(GoldLists(dev), Assign(scores, thresholds),
                  static_cast<int>(scores.size()))
      .macro_f1;
}

std::uint64_t DataFingerprint(const std::vector<LabelledText>& a,
                              const std::vector<LabelledText>& b) {
  std::uint64_t h = byte_io::kModelFnvBasis;
  auto mix = [&h](const std::string& s) { h = byte_io::Fnv1a64(s, h); };
  for (const auto* set : {&a, &b}) {
    for (const auto& d : *set) {
      mix(d.text);
      for (int l : d.labels) mix(std::to_string(l) + ",");
      mix("\n");
    }
  }
  return h;
}

Status WriteTaxonomy(const Taxonomy& taxonomy, const std::string& path) {
  nlohmann::ordered_json j;
  j["name"] = taxonomy.name();
  j["labels"] = nlohmann::ordered_json::array();
  for (const Label& l : taxonomy.labels()) {
    j["labels"].push_back({{"id", l.id},
                           {"name", l.name},
                           {"kind", l.kind},
                           {"description", l.description}});
  }
  return WriteFileAtomically(path, j.dump(2) + "\n");
}

}  // namespace

namespace {

// A model with its shape, features and label prototypes set, not trained.
Result<Model> NewModel(const Taxonomy& taxonomy, const WordVectors& vectors,
                       const TrainOptions& options) {
  Model model;
  model.features = options.features;
  model.word_dim = vectors.dim();
  model.bag_dim = options.bag_dim;
  model.hidden = options.hidden;
  for (const Label& l : taxonomy.labels()) model.label_ids.push_back(l.id);
  model.vectors_checksum = vectors.checksum();
  auto featurizer = Featurizer::Create(&vectors, options.features);
  if (!featurizer.ok()) return featurizer.status();
  if (options.features.label_prototypes) {
    for (const Label& l : taxonomy.labels()) {
      std::vector<float> p =
          featurizer->MeanVector(l.name + ". " + l.description);
      model.prototypes.insert(model.prototypes.end(), p.begin(), p.end());
    }
    featurizer->SetPrototypes(model.prototypes, model.labels());
  }
  model.vec_dim = featurizer->dim();
  return model;
}

// Trains until dev macro-F1 stops improving; leaves the best epoch's
// weights in the trainer's model.
void TrainWithEarlyStopping(NetworkTrainer* trainer, Model* model,
                            const std::vector<TextFeatures>& train,
                            const std::vector<TextFeatures>& dev,
                            const std::vector<LabelledText>& dev_data,
                            const TrainOptions& options, TrainReport* report) {
  const auto dev_gold = GoldMatrix(dev_data, model->labels());
  double best_f1 = -1;
  Model best = *model;
  for (int epoch = 1; epoch <= options.max_epochs; ++epoch) {
    float loss = trainer->RunEpoch(train);
    double f1 = TunedMacroF1(trainer->Scores(dev), dev_gold, dev_data);
    report->epochs_run = epoch;
    if (options.progress) options.progress(epoch, loss, static_cast<float>(f1));
    if (f1 >= best_f1) {  // on a tie, the longer-trained model
      best_f1 = f1;
      best = *model;
      report->best_epoch = epoch;
    } else if (epoch - report->best_epoch >= options.patience) {
      break;
    }
  }
  *model = std::move(best);
}

// Fits each label's Platt scaling and F1 threshold on dev `logits`
// (logits[label][text]); returns the calibrated dev scores, likewise.
std::vector<std::vector<float>> Calibrate(
    const std::vector<std::vector<float>>& logits,
    const std::vector<LabelledText>& dev_data, Model* model) {
  const int L = model->labels();
  const auto dev_gold = GoldMatrix(dev_data, L);
  model->platt_a.clear();
  model->platt_b.clear();
  model->thresholds.clear();
  std::vector<std::vector<float>> calibrated(L);
  for (int l = 0; l < L; ++l) {
    auto [a, b] = FitPlatt(logits[l], dev_gold[l]);
    model->platt_a.push_back(a);
    model->platt_b.push_back(b);
    for (float z : logits[l])
      calibrated[l].push_back(CalibratedScore(*model, l, z));
    model->thresholds.push_back(BestF1Threshold(calibrated[l], dev_gold[l]));
  }
  return calibrated;
}

// `logits` (logits[label][text]) pooled with weight `w` with their texts'
// sentences: counts[i] consecutive columns of `sentences` for text i.
std::vector<std::vector<float>> PoolByLabel(
    float w, const std::vector<std::vector<float>>& logits,
    const std::vector<std::vector<float>>& sentences,
    const std::vector<int>& counts) {
  const int L = static_cast<int>(logits.size());
  std::vector<std::vector<float>> pooled = logits;
  std::vector<float> row(L), sentence_rows;
  std::size_t first = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    sentence_rows.clear();
    for (int k = 0; k < counts[i]; ++k) {
      for (int l = 0; l < L; ++l) {
        sentence_rows.push_back(sentences[l][first + k]);
      }
    }
    for (int l = 0; l < L; ++l) row[l] = logits[l][i];
    PoolSentenceLogits(w, L, sentence_rows.data(), counts[i], row.data());
    for (int l = 0; l < L; ++l) pooled[l][i] = row[l];
    first += static_cast<std::size_t>(counts[i]);
  }
  return pooled;
}

// What every candidate (n-gram weight, sentence weight) mixes and pools:
// per label, the network's logits of the dev responses and of their
// sentences, the n-gram model's likewise (empty without one), and each
// response's sentence count.
struct DevLogits {
  std::vector<std::vector<float>> responses, sentences;
  std::vector<std::vector<float>> ngram_responses, ngram_sentences;
  std::vector<int> counts;
};

Result<DevLogits> ComputeDevLogits(const NetworkTrainer& trainer,
                                   const WordVectors& vectors,
                                   const std::vector<TextFeatures>& dev,
                                   const std::vector<LabelledText>& dev_data,
                                   bool pooling, const NgramModel* ngrams,
                                   const Model& model) {
  DevLogits d;
  d.responses = trainer.Logits(dev);
  std::vector<std::string> sentence_texts;
  d.counts.assign(dev_data.size(), 0);
  if (pooling) {
    auto segmenter = SentenceSegmenter::Create();
    if (!segmenter.ok()) return segmenter.status();
    for (std::size_t i = 0; i < dev_data.size(); ++i) {
      d.counts[i] = segmenter->Append(
          dev_data[i].text, dev_data[i].display_text, &sentence_texts);
    }
  }
  std::vector<LabelledText> sentence_items;
  for (std::string& t : sentence_texts) sentence_items.push_back({t, {}, {}});
  auto sentence_features = Featurize(vectors, model, sentence_items);
  if (!sentence_features.ok()) return sentence_features.status();
  d.sentences = trainer.Logits(sentence_features.value());
  if (ngrams == nullptr) return d;
  std::vector<std::string> response_texts;
  for (const LabelledText& t : dev_data) response_texts.push_back(t.text);
  auto responses = NgramLogits(*ngrams, response_texts);
  if (!responses.ok()) return responses.status();
  auto sentences = NgramLogits(*ngrams, sentence_texts);
  if (!sentences.ok()) return sentences.status();
  d.ngram_responses = std::move(responses).value();
  d.ngram_sentences = std::move(sentences).value();
  return d;
}

// Chooses the n-gram and sentence weights among options.ngram_weights and
// options.sentence_weights by calibrated dev macro-F1, and leaves their
// calibration and thresholds in `model`; returns the calibrated dev scores.
// Without `ngrams`, the n-gram weight is 0.
Result<std::vector<std::vector<float>>> CalibratePooled(
    const NetworkTrainer& trainer, const WordVectors& vectors,
    const std::vector<TextFeatures>& dev,
    const std::vector<LabelledText>& dev_data, const TrainOptions& options,
    const NgramModel* ngrams, Model* model) {
  std::vector<float> weights = options.sentence_weights;
  if (weights.empty()) weights = {0.0f};
  std::vector<float> mixes = {0.0f};
  if (ngrams != nullptr) mixes = options.ngram_weights;
  for (float w : weights) {
    if (!(w >= 0 && w <= 1)) {
      return Status::InvalidArgument("sentence weights must be in [0, 1]");
    }
  }
  for (float m : mixes) {
    if (!(m >= 0 && m <= 1)) {
      return Status::InvalidArgument("n-gram weights must be in [0, 1]");
    }
  }
  const bool pooling = *std::max_element(weights.begin(), weights.end()) > 0;
  auto d = ComputeDevLogits(trainer, vectors, dev, dev_data, pooling, ngrams,
                            *model);
  if (!d.ok()) return d.status();
  double best_f1 = -1;
  Model best = *model;
  std::vector<std::vector<float>> best_scores;
  for (float m : mixes) {
    const auto responses = Mix(m, d->responses, d->ngram_responses);
    const auto sentences = Mix(m, d->sentences, d->ngram_sentences);
    for (float w : weights) {
      Model candidate = *model;
      candidate.sentence_weight = w;
      candidate.ngram_weight = m;
      auto scores = Calibrate(PoolByLabel(w, responses, sentences, d->counts),
                              dev_data, &candidate);
      const double f1 =
          Evaluate(GoldLists(dev_data), Assign(scores, candidate.thresholds),
                   model->labels())
              .macro_f1;
      if (f1 > best_f1) {
        best_f1 = f1;
        best = std::move(candidate);
        best_scores = std::move(scores);
      }
    }
  }
  *model = std::move(best);
  return best_scores;
}

// Writes model.bin, taxonomy.json and, when the model uses it, ngrams.bin
// (a stale one is removed otherwise).
Status WriteModelDirectory(const Model& model, const Taxonomy& taxonomy,
                           const NgramModel* ngrams,
                           const std::string& out_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) return Status::IoError(out_dir + ": cannot create: " + ec.message());
  const fs::path ngrams_path = fs::path(out_dir) / kNgramFile;
  if (model.ngram_weight > 0) {
    SIFT_RETURN_IF_ERROR(ngrams->Write(ngrams_path.string()));
  } else {
    fs::remove(ngrams_path, ec);
  }
  SIFT_RETURN_IF_ERROR(
      WriteModel(model, (fs::path(out_dir) / "model.bin").string()));
  return WriteTaxonomy(taxonomy,
                       (fs::path(out_dir) / "taxonomy.json").string());
}

}  // namespace

Result<TrainReport> Train(const Taxonomy& taxonomy, const WordVectors& vectors,
                          const std::vector<LabelledText>& train,
                          const std::vector<LabelledText>& dev,
                          const TrainOptions& options,
                          const std::string& out_dir) {
  if (train.empty() || dev.empty()) {
    return Status::InvalidArgument(
        "training needs non-empty train and dev data");
  }
  const auto start = std::chrono::steady_clock::now();
  auto model = NewModel(taxonomy, vectors, options);
  if (!model.ok()) return model.status();
  auto train_features = Featurize(vectors, model.value(), train);
  if (!train_features.ok()) return train_features.status();
  auto dev_features = Featurize(vectors, model.value(), dev);
  if (!dev_features.ok()) return dev_features.status();
  NetworkTrainer trainer(&model.value(), train, options);
  TrainReport report;
  TrainWithEarlyStopping(&trainer, &model.value(), train_features.value(),
                         dev_features.value(), dev, options, &report);
  std::optional<NgramModel> ngrams;
  if (*std::max_element(options.ngram_weights.begin(),
                        options.ngram_weights.end()) > 0) {
    auto trained = TrainNgramModel(train, model->labels(), options.seed);
    if (!trained.ok()) return trained.status();
    ngrams = std::move(trained).value();
  }
  auto pooled =
      CalibratePooled(trainer, vectors, dev_features.value(), dev, options,
                      ngrams ? &*ngrams : nullptr, &model.value());
  if (!pooled.ok()) return pooled.status();
  const auto& calibrated = pooled.value();
  report.thresholds = model->thresholds;
  report.sentence_weight = model->sentence_weight;
  report.ngram_weight = model->ngram_weight;
  report.dev = Evaluate(GoldLists(dev), Assign(calibrated, model->thresholds),
                        model->labels());
  char fingerprint[17];
  std::snprintf(fingerprint, sizeof fingerprint, "%016llx",
                static_cast<unsigned long long>(DataFingerprint(train, dev)));
  model->version = std::string("sift-classifier/3 (sift ") + Version() +
                   ", seed " + std::to_string(options.seed) + ", data " +
                   fingerprint + ", epoch " +
                   std::to_string(report.best_epoch) + ")";
  report.version = model->version;
  SIFT_RETURN_IF_ERROR(WriteModelDirectory(
      model.value(), taxonomy, ngrams ? &*ngrams : nullptr, out_dir));
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return report;
}

}  // namespace sift::nlp
