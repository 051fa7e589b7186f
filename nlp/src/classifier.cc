#include "sift/nlp/classifier.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <thread>

#include "bag_rows.h"
#include "mlp_forward.h"
#include "model.h"
#include "ngram_model.h"
#include "sentence_pooling.h"
#include "sift/nlp/features.h"
#include "sift/nlp/word_vectors.h"

namespace sift::nlp {

struct Classifier::State {
  ClassifierOptions options;
  Model model;
  Taxonomy taxonomy;
  std::shared_ptr<const WordVectors> vectors;  // featurizers point into it
  std::vector<Featurizer> featurizers;         // one per thread
  std::vector<BagRowCache> bag_caches;         // one per thread, on model
  std::unique_ptr<MlpForward> forward;
  std::optional<NgramModel> ngrams;  // when model.ngram_weight > 0
  std::vector<float> inputs, logits;
  std::vector<double> ngram_logits;            // batch x labels, when ngrams
  std::optional<SentenceSegmenter> segmenter;  // when sentence_weight > 0
  std::vector<std::string> sentences;          // scratch for PooledLogits

  // Fills rows [0, n) of `inputs` (and of `ngram_logits`, with an n-gram
  // model) for texts[first, first + n), on `threads`.
  void Featurize(const std::vector<std::string_view>& texts, std::size_t first,
                 int n) {
    const int in = model.input_dim();
    const std::size_t L = static_cast<std::size_t>(model.labels());
    auto work = [&](int t) {
      TextFeatures f;
      std::vector<double> row;
      for (int i = t; i < n; i += static_cast<int>(featurizers.size())) {
        featurizers[t].Extract(texts[first + i], &f);
        bag_caches[t].InputRow(f, &inputs[static_cast<std::size_t>(i) * in]);
        if (!ngrams) continue;
        ngrams->Logits(f.tokens, &row);
        std::copy(row.begin(), row.end(), &ngram_logits[i * L]);
      }
    };
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < featurizers.size() && static_cast<int>(t) < n;
         ++t) {
      pool.emplace_back(work, static_cast<int>(t));
    }
    work(0);
    for (auto& th : pool) th.join();
  }

  // Logits of every response, row after row, pooled with its sentences'
  // when the model says so (sentence_pooling.h). The sentences' own raw
  // logits follow the responses' in *out (counts[i] rows for response i,
  // in order) until the caller drops them.
  Status PooledLogits(const std::vector<ClassifierInput>& responses,
                      std::vector<float>* out, std::vector<int>* counts) {
    std::vector<std::string_view> texts;
    for (const ClassifierInput& r : responses) {
      texts.push_back(r.analysis_text);
    }
    counts->assign(responses.size(), 0);
    sentences.clear();
    for (std::size_t i = 0; segmenter && i < responses.size(); ++i) {
      (*counts)[i] = segmenter->Append(responses[i].analysis_text,
                                       responses[i].display_text, &sentences);
    }
    texts.insert(texts.end(), sentences.begin(), sentences.end());
    SIFT_RETURN_IF_ERROR(Logits(texts, out));
    const int L = model.labels();
    std::size_t row = responses.size();
    for (std::size_t i = 0; i < responses.size(); ++i) {
      PoolSentenceLogits(model.sentence_weight, L, &(*out)[row * L],
                         (*counts)[i], &(*out)[i * L]);
      row += static_cast<std::size_t>((*counts)[i]);
    }
    return Status::Ok();
  }

  // Raw logits of every text, row after row, a batch at a time.
  Status Logits(const std::vector<std::string_view>& texts,
                std::vector<float>* out) {
    const std::size_t L = static_cast<std::size_t>(model.labels());
    out->clear();
    out->reserve(texts.size() * L);
    for (std::size_t first = 0; first < texts.size();
         first += static_cast<std::size_t>(options.batch)) {
      int n = static_cast<int>(
          std::min<std::size_t>(options.batch, texts.size() - first));
      Featurize(texts, first, n);
      SIFT_RETURN_IF_ERROR(forward->Run(inputs.data(), n, logits.data()));
      const float m = model.ngram_weight;
      for (std::size_t k = 0; ngrams && k < n * L; ++k) {
        logits[k] =
            (1 - m) * logits[k] + m * static_cast<float>(ngram_logits[k]);
      }
      out->insert(out->end(), logits.begin(), logits.begin() + n * L);
    }
    return Status::Ok();
  }

  Prediction Predict(const float* row_logits) const {
    Prediction p;
    const int L = model.labels();
    p.scores.resize(L);
    bool near_threshold = false;
    float best_ratio = 0;
    for (int l = 0; l < L; ++l) {
      float score = CalibratedScore(model, l, row_logits[l]);
      p.scores[l] = score;
      float t = model.thresholds[l];
      if (score >= t) p.labels.push_back(l);
      near_threshold |= std::abs(score - t) < options.review_margin;
      best_ratio = std::max(best_ratio, t > 0 ? score / t : 0.0f);
    }
    p.needs_review = near_threshold || (p.labels.empty() && best_ratio > 0.6f);
    return p;
  }
};

Classifier::Classifier(std::unique_ptr<State> state)
    : state_(std::move(state)) {}
Classifier::~Classifier() = default;
Classifier::Classifier(Classifier&&) noexcept = default;
Classifier& Classifier::operator=(Classifier&&) noexcept = default;

Result<Classifier> Classifier::Load(const std::string& model_dir,
                                    const std::string& vectors_path,
                                    const ClassifierOptions& options) {
  auto vectors = WordVectors::Load(vectors_path);
  if (!vectors.ok()) return vectors.status();
  return Load(model_dir,
              std::make_shared<const WordVectors>(std::move(vectors).value()),
              options);
}

Result<Classifier> Classifier::Load(const std::string& model_dir,
                                    std::shared_ptr<const WordVectors> vectors,
                                    const ClassifierOptions& options) {
  namespace fs = std::filesystem;
  auto state = std::make_unique<State>();
  state->options = options;
  auto model = ReadModel((fs::path(model_dir) / "model.bin").string());
  if (!model.ok()) return model.status();
  state->model = std::move(model.value());
  CompactEmbeddings(&state->model);
  auto taxonomy =
      Taxonomy::Load((fs::path(model_dir) / "taxonomy.json").string());
  if (!taxonomy.ok()) return taxonomy.status();
  state->taxonomy = std::move(taxonomy.value());
  const Model& m = state->model;
  for (int l = 0; l < m.labels(); ++l) {
    if (state->taxonomy.size() != m.label_ids.size() ||
        state->taxonomy.labels()[l].id != m.label_ids[l]) {
      return Status::Corruption(model_dir +
                                ": taxonomy.json does not match "
                                "the labels the model was trained on");
    }
  }
  state->vectors = std::move(vectors);
  if (state->vectors->checksum() != m.vectors_checksum ||
      state->vectors->dim() != m.word_dim) {
    return Status::InvalidArgument(
        std::string(state->vectors->path())
            .append(": not the word-vector table the model in ")
            .append(model_dir)
            .append(" was trained with (checksum differs); convert the table "
                    "the model card names, or retrain"));
  }
  for (int t = 0; t < std::max(1, options.threads); ++t) {
    auto f = Featurizer::Create(&*state->vectors, m.features);
    if (!f.ok()) return f.status();
    f->SetPrototypes(m.prototypes, m.labels());
    if (f->dim() != m.vec_dim) {
      return Status::Corruption(
          model_dir + ": model expects " + std::to_string(m.vec_dim) +
          " dense features, the featurizer makes " + std::to_string(f->dim()));
    }
    state->featurizers.push_back(std::move(f.value()));
    state->bag_caches.emplace_back(&state->model);
  }
  if (m.ngram_weight > 0) {
    const std::string path = (fs::path(model_dir) / kNgramFile).string();
    auto ngrams = NgramModel::Load(path);
    if (!ngrams.ok()) return ngrams.status();
    if (ngrams->labels() != m.labels()) {
      return Status::Corruption(
          path + ": has " + std::to_string(ngrams->labels()) +
          " labels, model.bin " + std::to_string(m.labels()));
    }
    state->ngrams.emplace(std::move(ngrams).value());
  }
  if (m.sentence_weight > 0) {
    auto segmenter = SentenceSegmenter::Create();
    if (!segmenter.ok()) return segmenter.status();
    state->segmenter.emplace(std::move(segmenter.value()));
  }
  auto forward = MlpForward::Create(m, options.batch);
  if (!forward.ok()) return forward.status();
  state->forward = std::move(forward.value());
  state->inputs.resize(static_cast<std::size_t>(options.batch) * m.input_dim());
  state->logits.resize(static_cast<std::size_t>(options.batch) * m.labels());
  state->ngram_logits.resize(state->logits.size());
  return Classifier(std::move(state));
}

const Taxonomy& Classifier::taxonomy() const { return state_->taxonomy; }
const std::string& Classifier::version() const { return state_->model.version; }
const std::vector<float>& Classifier::thresholds() const {
  return state_->model.thresholds;
}

Status Classifier::Classify(const std::vector<ClassifierInput>& inputs,
                            std::vector<Prediction>* predictions,
                            std::vector<std::vector<Prediction>>* sentences) {
  State& s = *state_;
  std::vector<float> logits;
  std::vector<int> counts;
  SIFT_RETURN_IF_ERROR(s.PooledLogits(inputs, &logits, &counts));
  const std::size_t L = static_cast<std::size_t>(s.model.labels());
  predictions->clear();
  predictions->reserve(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    predictions->push_back(s.Predict(&logits[i * L]));
  }
  if (sentences == nullptr) return Status::Ok();
  sentences->assign(inputs.size(), {});
  std::size_t row = inputs.size();
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    for (int k = 0; k < counts[i]; ++k, ++row) {
      (*sentences)[i].push_back(s.Predict(&logits[row * L]));
    }
  }
  return Status::Ok();
}

Status Classifier::Classify(const std::vector<std::string>& texts,
                            std::vector<Prediction>* predictions) {
  std::vector<ClassifierInput> inputs;
  for (const std::string& t : texts) inputs.push_back({t, {}});
  return Classify(inputs, predictions);
}

Result<std::vector<Explanation>> Classifier::Explain(
    const ClassifierInput& input, int top) {
  State& s = *state_;
  std::vector<float> pooled;
  std::vector<int> counts;
  SIFT_RETURN_IF_ERROR(s.PooledLogits({input}, &pooled, &counts));
  const std::string text(input.analysis_text);
  TextFeatures f;
  s.featurizers[0].Extract(text, &f);
  const std::vector<std::string> tokens = f.tokens;
  // Variants: the text itself, then without each word, then without each
  // pair of adjacent words.
  std::vector<std::string> variants{text};
  std::vector<std::string> removed{""};
  auto without = [&](std::size_t from, std::size_t count) {
    std::string v;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (i >= from && i < from + count) continue;
      v += tokens[i] + " ";
    }
    return v;
  };
  for (std::size_t i = 0; i < tokens.size() && i < 400; ++i) {
    variants.push_back(without(i, 1));
    removed.push_back(tokens[i]);
    if (i + 1 < tokens.size()) {
      variants.push_back(without(i, 2));
      removed.push_back(tokens[i] + " " + tokens[i + 1]);
    }
  }
  std::vector<float> logits;
  SIFT_RETURN_IF_ERROR(s.Logits({variants.begin(), variants.end()}, &logits));
  const std::size_t L = static_cast<std::size_t>(s.model.labels());
  Prediction base = s.Predict(pooled.data());
  std::vector<Explanation> out;
  for (int label : base.labels) {
    Explanation e{label, {}};
    for (std::size_t v = 1; v < variants.size(); ++v) {
      float drop = logits[label] - logits[v * L + label];
      if (drop > 0) e.evidence.emplace_back(removed[v], drop);
    }
    std::stable_sort(
        e.evidence.begin(), e.evidence.end(),
        [](const auto& a, const auto& b) { return a.second > b.second; });
    if (static_cast<int>(e.evidence.size()) > top) e.evidence.resize(top);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace sift::nlp
