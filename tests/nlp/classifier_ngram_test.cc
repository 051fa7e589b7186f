// The classifier's n-gram model (model.h): trained and mixed into every
// logit when dev chooses it, left out when it is not chosen, and required
// by name when the model uses it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "classifier_fixture.h"
#include "model.h"
#include "ngram_model.h"
#include "sift/nlp/classifier.h"
#include "sift/nlp/features.h"
#include "test_util.h"

namespace sift::nlp {
namespace {

using ::sift::testing::ReadFile;
using ::sift::testing::WriteFile;

float Calibrated(const Model& m, int label, double logit) {
  double c = m.platt_a[label] * logit + m.platt_b[label];
  return static_cast<float>(1 / (1 + std::exp(-c)));
}

// With m = 1 every score is the calibrated n-gram logit alone: the mix
// reaches Classify() exactly as model.h defines it.
TEST_F(ClassifierTest, NgramWeightOneScoresByTheNgramModelAlone) {
  options_.ngram_weights = {1.0f};
  options_.sentence_weights = {0.0f};
  const std::string dir = TrainModel("ngrams_only");
  auto model = ReadModel(dir + "/model.bin");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  ASSERT_EQ(model->ngram_weight, 1.0f);
  auto ngrams = NgramModel::Load(dir + "/ngrams.bin");
  ASSERT_TRUE(ngrams.ok()) << ngrams.status().ToString();
  ASSERT_EQ(ngrams->labels(), 2);
  auto classifier = Classifier::Load(dir, vectors_path_);
  ASSERT_TRUE(classifier.ok()) << classifier.status().ToString();
  auto featurizer = Featurizer::Create(&*vectors_, model->features);
  ASSERT_TRUE(featurizer.ok());
  std::vector<std::string> texts;
  for (const auto& d : Data(1)) texts.push_back(d.text);
  texts.push_back("unknown words only: zzz qqq");
  std::vector<Prediction> got;
  ASSERT_TRUE(classifier->Classify(texts, &got).ok());
  TextFeatures f;
  std::vector<double> logits;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    featurizer->Extract(texts[i], &f);
    ngrams->Logits(f.tokens, &logits);
    for (int l = 0; l < 2; ++l) {
      EXPECT_NEAR(got[i].scores[l], Calibrated(*model, l, logits[l]), 1e-4)
          << texts[i];
    }
  }
}

TEST_F(ClassifierTest, NoNgramModelWhenNoneIsTried) {
  options_.ngram_weights = {0.0f};
  const std::string dir = TrainModel("network_only");
  auto model = ReadModel(dir + "/model.bin");
  ASSERT_TRUE(model.ok());
  EXPECT_EQ(model->ngram_weight, 0.0f);
  EXPECT_FALSE(std::filesystem::exists(dir + "/ngrams.bin"));
  EXPECT_TRUE(Classifier::Load(dir, vectors_path_).ok());
}

// Training data where a label is on no text cannot support the n-gram
// model: training goes on without it rather than failing.
TEST_F(ClassifierTest, NoNgramModelWhenALabelNeverOccurs) {
  std::vector<LabelledText> train;
  for (LabelledText t : Data(4)) {
    t.labels.erase(std::remove(t.labels.begin(), t.labels.end(), 1),
                   t.labels.end());
    train.push_back(std::move(t));
  }
  const std::string dir = dir_.file("one_label");
  auto report = Train(taxonomy_, *vectors_, train, Data(1), options_, dir);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->ngram_weight, 0.0f);
  EXPECT_FALSE(std::filesystem::exists(dir + "/ngrams.bin"));
  EXPECT_TRUE(Classifier::Load(dir, vectors_path_).ok());
}

TEST_F(ClassifierTest, ModelThatUsesNgramsNeedsTheRightFile) {
  options_.ngram_weights = {0.5f};
  const std::string dir = TrainModel("mixed");
  const std::string path = dir + "/ngrams.bin";
  const std::string bytes = ReadFile(path);
  ASSERT_FALSE(bytes.empty());
  std::filesystem::remove(path);
  auto missing = Classifier::Load(dir, vectors_path_);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_NE(missing.status().message().find(path), std::string::npos);
  // An n-gram model of three labels beside a model of two.
  auto other = NgramModel::Train({{"a"}, {"b"}, {"a", "b"}, {"c"}},
                                 {{0}, {1}, {2}, {}}, 3, NgramModelOptions());
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  ASSERT_TRUE(other->Write(path).ok());
  auto mismatched = Classifier::Load(dir, vectors_path_);
  ASSERT_FALSE(mismatched.ok());
  EXPECT_EQ(mismatched.status().code(), Status::Code::kCorruption);
  EXPECT_NE(mismatched.status().message().find("labels"), std::string::npos);
  WriteFile(path, bytes);
  EXPECT_TRUE(Classifier::Load(dir, vectors_path_).ok());
}

}  // namespace
}  // namespace sift::nlp
