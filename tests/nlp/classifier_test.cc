// Tests for training and classification on a tiny real vector table (built
// from tests/fixtures/wink_tiny.json by the real converter) and a tiny
// labelled set. The oneDNN forward pass is checked against a plain scalar
// reference implementation written here.
#include "sift/nlp/classifier.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "bag_rows.h"
#include "classifier_fixture.h"
#include "model.h"
#include "ngram_model.h"
#include "sift/nlp/features.h"
#include "sift/nlp/trainer.h"
#include "sift/nlp/word_vectors.h"
#include "test_util.h"

namespace sift::nlp {
namespace {

using ::sift::testing::ReadFile;
using ::sift::testing::TempDir;
using ::sift::testing::WriteFile;

// A text of more distinct words than a Featurizer's token memo holds.
std::string MoreWordsThanAMemoHolds() {
  std::string text;
  for (int i = 0; i < 40000; ++i) {
    text.append("w").append(std::to_string(i)).append(" ");
  }
  return text;
}

// The reference: the network in plain loops, straight from model.h's
// definition. Raw logits, one per label.
std::vector<double> ReferenceLogits(const Model& m, const TextFeatures& f) {
  std::vector<float> x(m.input_dim());
  InputRow(m, f, x.data());
  std::vector<float> h(m.hidden);
  for (int j = 0; j < m.hidden; ++j) {
    double z = m.b1[j];
    for (int k = 0; k < m.input_dim(); ++k) {
      z += static_cast<double>(m.w1[j * m.input_dim() + k]) * x[k];
    }
    h[j] = z > 0 ? static_cast<float>(z) : 0.0f;
  }
  std::vector<double> logits;
  for (int l = 0; l < m.labels(); ++l) {
    double z = m.b2[l];
    for (int j = 0; j < m.hidden; ++j) {
      z += static_cast<double>(m.w2[l * m.hidden + j]) * h[j];
    }
    logits.push_back(z);
  }
  return logits;
}

float Calibrated(const Model& m, int label, double logit) {
  double c = m.platt_a[label] * logit + m.platt_b[label];
  return static_cast<float>(1 / (1 + std::exp(-c)));
}

// Calibrated scores; with an n-gram model (model.h), each logit is first
// mixed with the n-gram model's.
std::vector<float> ReferenceScores(const Model& m, const TextFeatures& f,
                                   const NgramModel* ngrams) {
  std::vector<float> scores;
  std::vector<double> logits = ReferenceLogits(m, f);
  if (ngrams != nullptr) {
    std::vector<double> n;
    ngrams->Logits(f.tokens, &n);
    for (int l = 0; l < m.labels(); ++l) {
      logits[l] = (1 - m.ngram_weight) * logits[l] + m.ngram_weight * n[l];
    }
  }
  for (int l = 0; l < m.labels(); ++l) {
    scores.push_back(Calibrated(m, l, logits[l]));
  }
  return scores;
}

TEST_F(ClassifierTest, OneDnnMatchesScalarReference) {
  std::string dir = TrainModel("model");
  auto model = ReadModel(dir + "/model.bin");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  std::optional<NgramModel> ngrams;
  if (model->ngram_weight > 0) {
    auto loaded = NgramModel::Load(dir + "/ngrams.bin");
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    ngrams.emplace(std::move(loaded).value());
  }
  ClassifierOptions options;
  options.batch = 8;  // 23 texts: two full batches and a padded one
  auto classifier = Classifier::Load(dir, vectors_path_, options);
  ASSERT_TRUE(classifier.ok()) << classifier.status().ToString();
  std::vector<std::string> texts;
  for (const auto& d : Data(2)) texts.push_back(d.text);
  texts.push_back("");
  texts.push_back("unknown words only: zzz qqq");
  texts.push_back("the road the road the road the road to the school");
  std::vector<Prediction> predictions;
  ASSERT_TRUE(classifier->Classify(texts, &predictions).ok());
  ASSERT_EQ(predictions.size(), texts.size());
  auto featurizer = Featurizer::Create(&*vectors_, model->features);
  ASSERT_TRUE(featurizer.ok());
  featurizer->SetPrototypes(model->prototypes, model->labels());
  ASSERT_EQ(featurizer->dim(), model->vec_dim);
  // Inference reads the bag's rows as int8 (CompactEmbeddings); the
  // reference reads the same rows, and the float rows stay close.
  Model float_rows = model.value();
  CompactEmbeddings(&model.value());
  TextFeatures f;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    featurizer->Extract(texts[i], &f);
    std::vector<float> want =
        ReferenceScores(model.value(), f, ngrams ? &*ngrams : nullptr);
    // Each int8 row element is within half a step of its float.
    std::vector<float> x(model->input_dim()), x_float(model->input_dim());
    InputRow(model.value(), f, x.data());
    InputRow(float_rows, f, x_float.data());
    const float step = *std::max_element(model->packed_scale.begin(),
                                         model->packed_scale.end());
    for (int k = 0; k < model->input_dim(); ++k) {
      EXPECT_NEAR(x[k], x_float[k], 0.5f * step + 1e-6f) << texts[i];
    }
    for (int l = 0; l < 2; ++l) {
      EXPECT_NEAR(predictions[i].scores[l], want[l], 1e-4) << texts[i];
      bool assigned =
          std::find(predictions[i].labels.begin(), predictions[i].labels.end(),
                    l) != predictions[i].labels.end();
      EXPECT_EQ(assigned, want[l] >= model->thresholds[l]) << texts[i];
    }
  }
}

// InputRow's bag part is the plain mean of the bag's rows, and the
// per-thread memo of token rows gives InputRow's floats exactly, on packed
// and on float rows: through repeats, when features come from
// another featurizer or a featurizer that started its memo afresh, and for
// features without memo slots.
TEST_F(ClassifierTest, BagRowCacheGivesInputRowExactly) {
  std::string dir = TrainModel("model");
  auto model = ReadModel(dir + "/model.bin");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  Model packed = model.value();
  CompactEmbeddings(&packed);
  auto make = [&] {
    auto f = Featurizer::Create(&*vectors_, model->features);
    EXPECT_TRUE(f.ok());
    f->SetPrototypes(model->prototypes, model->labels());
    return std::move(f.value());
  };
  Featurizer first = make(), second = make();
  ASSERT_EQ(first.dim(), model->vec_dim);
  std::vector<std::string> texts;
  for (const auto& d : Data(1)) texts.push_back(d.text);
  texts.push_back("the road the road the road to the school");
  texts.push_back("");
  texts.push_back(MoreWordsThanAMemoHolds());  // the next text starts afresh
  texts.push_back("the school teacher and the road");
  for (const Model* m : {&packed, &model.value()}) {
    BagRowCache cache(m);
    TextFeatures f;
    for (int pass = 0; pass < 2; ++pass) {
      for (std::size_t i = 0; i < texts.size(); ++i) {
        Featurizer& featurizer = (pass + i) % 3 == 0 ? second : first;
        featurizer.Extract(texts[i], &f);
        std::vector<float> want(m->input_dim()), got(m->input_dim(), -1.0f);
        InputRow(*m, f, want.data());
        if (m == &model.value()) {
          // Independently: the plain mean of every bag id's float row.
          std::vector<double> mean(m->bag_dim, 0.0);
          for (std::uint32_t id : f.bag) {
            for (int d = 0; d < m->bag_dim; ++d) {
              mean[d] += m->embeddings[std::size_t{id} * m->bag_dim + d];
            }
          }
          for (int d = 0; d < m->bag_dim; ++d) {
            const double expected =
                f.bag.empty() ? 0.0 : mean[d] / f.bag.size();
            EXPECT_NEAR(want[m->vec_dim + d], expected, 1e-5) << i;
          }
        }
        cache.InputRow(f, got.data());
        EXPECT_EQ(got, want) << i;
        f.token_slots.clear();  // no slots: summed directly
        cache.InputRow(f, got.data());
        EXPECT_EQ(got, want) << i;
      }
    }
  }
}

// The featurizer's token memo changes nothing: a text gives the same
// features from a fresh featurizer, from one that has seen its words, and
// from one whose memo started afresh.
TEST_F(ClassifierTest, TokenMemoGivesTheSameFeatures) {
  auto model = ReadModel(TrainModel("model") + "/model.bin");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  auto make = [&] {
    auto f = Featurizer::Create(&*vectors_, model->features);
    EXPECT_TRUE(f.ok());
    f->SetPrototypes(model->prototypes, model->labels());
    return std::move(f.value());
  };
  Featurizer used = make();
  const std::string text = "the road to the school, and the teacher's road";
  TextFeatures warm, fresh;
  used.Extract(text, &warm);
  const std::uint64_t generation = warm.memo_generation;
  const std::string huge = MoreWordsThanAMemoHolds();
  const std::string* order[] = {&text, &huge, &text};
  for (const std::string* t : order) {
    used.Extract(*t, &warm);
    Featurizer once = make();
    once.Extract(*t, &fresh);
    EXPECT_EQ(warm.dense, fresh.dense);
    EXPECT_EQ(warm.bag, fresh.bag);
    EXPECT_EQ(warm.token_ends, fresh.token_ends);
    EXPECT_EQ(warm.tokens, fresh.tokens);
  }
  EXPECT_NE(warm.memo_generation, generation);  // it started afresh
}

// A pooling model scores a response of several sentences from its own
// logit and its best sentence's: sentences from the display text's lines
// where it is given, else from the analysis text's punctuation; a
// one-sentence response is scored as it is.
TEST_F(ClassifierTest, SentencePoolingWeighsTheBestSentence) {
  std::string trained = TrainModel("model");
  auto model = ReadModel(trained + "/model.bin");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  model->sentence_weight = 0.25f;
  model->ngram_weight = 0;  // the network's logits alone, pooled
  std::string dir = dir_.file("pooling");
  std::filesystem::create_directories(dir);
  ASSERT_TRUE(WriteModel(model.value(), dir + "/model.bin").ok());
  WriteFile(dir + "/taxonomy.json", ReadFile(trained + "/taxonomy.json"));
  auto classifier = Classifier::Load(dir, vectors_path_);
  ASSERT_TRUE(classifier.ok()) << classifier.status().ToString();
  CompactEmbeddings(&model.value());
  auto featurizer = Featurizer::Create(&*vectors_, model->features);
  ASSERT_TRUE(featurizer.ok());
  featurizer->SetPrototypes(model->prototypes, model->labels());
  auto logits = [&](const std::string& text) {
    TextFeatures f;
    featurizer->Extract(text, &f);
    return ReferenceLogits(model.value(), f);
  };
  const std::string first = "the road and the cars";
  const std::string second = "the school teacher";
  const std::string analysis = first + " " + second;
  struct Case {
    std::string analysis, display;
    bool pooled;
  } cases[] = {
      {analysis, first + "\n" + second, true},     // two lines
      {first + ". The school teacher", "", true},  // punctuation
      {analysis, analysis, false},                 // one sentence
  };
  for (const Case& c : cases) {
    std::vector<Prediction> got;
    std::vector<ClassifierInput> input = {{c.analysis, c.display}};
    std::vector<std::vector<Prediction>> sentences;
    ASSERT_TRUE(classifier->Classify(input, &got, &sentences).ok());
    ASSERT_EQ(sentences.size(), 1u);
    ASSERT_EQ(sentences[0].size(), c.pooled ? 2u : 0u);
    std::vector<double> z = logits(c.analysis);
    std::vector<double> a = logits(first);
    std::vector<double> b =
        logits(c.display.empty() ? "The school teacher" : second);
    for (int l = 0; l < model->labels(); ++l) {
      double want = c.pooled ? 0.75 * z[l] + 0.25 * std::max(a[l], b[l]) : z[l];
      EXPECT_NEAR(got[0].scores[l], Calibrated(model.value(), l, want), 1e-4)
          << c.analysis << " | " << c.display << " label " << l;
      if (!c.pooled) continue;  // the sentences' own scores, unpooled:
      EXPECT_NEAR(sentences[0][0].scores[l], Calibrated(model.value(), l, a[l]),
                  1e-4);
      EXPECT_NEAR(sentences[0][1].scores[l], Calibrated(model.value(), l, b[l]),
                  1e-4);
    }
  }
}

TEST_F(ClassifierTest, LearnsTheTinyTask) {
  std::string dir = TrainModel("model");
  auto classifier = Classifier::Load(dir, vectors_path_);
  ASSERT_TRUE(classifier.ok());
  std::vector<Prediction> p;
  // Texts of the training set: the model must at least fit them.
  ASSERT_TRUE(classifier
                  ->Classify({"roads in the city", "the school teacher",
                              "river and bridge"},
                             &p)
                  .ok());
  EXPECT_EQ(p[0].labels, std::vector<int>{0});
  EXPECT_EQ(p[1].labels, std::vector<int>{1});
  EXPECT_TRUE(p[2].labels.empty());
  auto why = classifier->Explain({"the road and the cars", {}}, 3);
  ASSERT_TRUE(why.ok());
  ASSERT_EQ(why->size(), 1u);
  ASSERT_FALSE((*why)[0].evidence.empty());
  const std::string& top = (*why)[0].evidence[0].first;
  EXPECT_TRUE(top.find("road") != std::string::npos ||
              top.find("car") != std::string::npos)
      << top;
}

TEST_F(ClassifierTest, DropoutOptionsTrainDifferentModels) {
  std::string plain = TrainModel("plain");
  options_.input_dropout = 0;
  std::string no_input_dropout = TrainModel("no_input_dropout");
  EXPECT_NE(ReadFile(plain + "/model.bin"),
            ReadFile(no_input_dropout + "/model.bin"));
  options_.input_dropout = TrainOptions().input_dropout;
  options_.bag_dropout = 0.25f;
  std::string dropped = TrainModel("dropped");
  std::string again = TrainModel("again");
  EXPECT_NE(ReadFile(plain + "/model.bin"), ReadFile(dropped + "/model.bin"));
  EXPECT_EQ(ReadFile(dropped + "/model.bin"), ReadFile(again + "/model.bin"));
  auto classifier = Classifier::Load(dropped, vectors_path_);
  ASSERT_TRUE(classifier.ok());
  std::vector<Prediction> p;
  ASSERT_TRUE(classifier
                  ->Classify(std::vector<std::string>{"roads in the city",
                                                      "the school teacher"},
                             &p)
                  .ok());
  EXPECT_EQ(p[0].labels, std::vector<int>{0});
  EXPECT_EQ(p[1].labels, std::vector<int>{1});
}

TEST_F(ClassifierTest, TrainingIsDeterministicForASeed) {
  std::string a = TrainModel("a", 11);
  std::string b = TrainModel("b", 11);
  std::string c = TrainModel("c", 12);
  EXPECT_EQ(ReadFile(a + "/model.bin"), ReadFile(b + "/model.bin"));
  EXPECT_NE(ReadFile(a + "/model.bin"), ReadFile(c + "/model.bin"));
}

TEST_F(ClassifierTest, DamagedOrMismatchedFilesAreClearErrors) {
  std::string dir = TrainModel("model");
  std::string bytes = ReadFile(dir + "/model.bin");
  // One flipped byte anywhere: a checksum error, never garbage.
  for (std::size_t at : {std::size_t{3}, bytes.size() / 2, bytes.size() - 1}) {
    std::string damaged = bytes;
    damaged[at] ^= 0x40;
    std::string bad_dir = dir_.file("bad");
    std::filesystem::create_directories(bad_dir);
    WriteFile(bad_dir + "/model.bin", damaged);
    WriteFile(bad_dir + "/taxonomy.json", ReadFile(dir + "/taxonomy.json"));
    auto c = Classifier::Load(bad_dir, vectors_path_);
    ASSERT_FALSE(c.ok()) << at;
    EXPECT_EQ(c.status().code(), Status::Code::kCorruption)
        << c.status().ToString();
  }
  // Truncated.
  WriteFile(dir_.file("bad") + "/model.bin", bytes.substr(0, bytes.size() / 3));
  EXPECT_FALSE(Classifier::Load(dir_.file("bad"), vectors_path_).ok());
  // Another vector table.
  auto other = ConvertWinkEmbeddings(
      std::string(SIFT_SOURCE_DIR) + "/tests/fixtures/wink_tiny.json",
      dir_.file("other.siftvec"), {.max_words = 20});
  ASSERT_TRUE(other.ok());
  auto c = Classifier::Load(dir, dir_.file("other.siftvec"));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("not the word-vector table"),
            std::string::npos);
  // A taxonomy that does not match the model's labels.
  WriteFile(dir + "/taxonomy.json",
            R"({"labels": [{"id": "schools"}, {"id": "transport"}]})");
  c = Classifier::Load(dir, vectors_path_);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("does not match"), std::string::npos);
}

}  // namespace
}  // namespace sift::nlp
