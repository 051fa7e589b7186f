// Tests for Platt scaling, F1 thresholds, the evaluation metrics and the
// taxonomy parser.
#include "sift/nlp/calibration.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <utility>
#include <vector>

#include "sift/nlp/taxonomy.h"
#include "sift/nlp/trainer.h"

namespace sift::nlp {
namespace {

// `n` logits uniform in [-range, range] with gold drawn from the logistic
// link sigmoid(a * z + b), seeded.
std::pair<std::vector<float>, std::vector<bool>> SampleLink(unsigned seed,
                                                            float range, int n,
                                                            float a, float b) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> x(-range, range);
  std::uniform_real_distribution<float> u(0, 1);
  std::vector<float> logits;
  std::vector<bool> gold;
  for (int i = 0; i < n; ++i) {
    float z = x(rng);
    logits.push_back(z);
    gold.push_back(u(rng) < 1 / (1 + std::exp(-(a * z + b))));
  }
  return {logits, gold};
}

TEST(PlattTest, RecoversAKnownLogisticLink) {
  auto [logits, gold] = SampleLink(1, 4, 20000, 2.0f, -1.0f);
  auto [a, b] = FitPlatt(logits, gold);
  EXPECT_NEAR(a, 2.0, 0.1);
  EXPECT_NEAR(b, -1.0, 0.1);
}

// A trained network's logits run to +-30; Newton's method started at (1, 0)
// used to diverge on them (falling back to the identity, or worse).
TEST(PlattTest, RecoversTheLinkOnLargeLogits) {
  auto [logits, gold] = SampleLink(2, 30, 540, 0.2f, -0.5f);
  auto [a, b] = FitPlatt(logits, gold);
  EXPECT_NEAR(a, 0.2, 0.05);
  EXPECT_NEAR(b, -0.5, 0.3);
}

TEST(PlattTest, DegenerateDataKeepsIdentity) {
  EXPECT_EQ(FitPlatt({1, 2, 3}, {true, true, true}),
            std::make_pair(1.0f, 0.0f));
  EXPECT_EQ(FitPlatt({}, {}), std::make_pair(1.0f, 0.0f));
}

TEST(ThresholdTest, SeparableScoresSplitInTheGap) {
  EXPECT_FLOAT_EQ(
      BestF1Threshold({0.9f, 0.8f, 0.3f, 0.2f}, {true, true, false, false}),
      0.55f);
  EXPECT_FLOAT_EQ(BestF1Threshold({0.9f, 0.1f}, {false, false}), 0.5f);
  // Clamped: the best cut would be below every score.
  EXPECT_FLOAT_EQ(BestF1Threshold({0.02f, 0.01f}, {true, true}), 0.05f);
}

TEST(EvaluateTest, CountsPerLabelAndOverall) {
  // Label 0: tp 1, fp 1, fn 1. Label 1: tp 2, fp 0, fn 0.
  EvalReport r = Evaluate({{0, 1}, {1}, {0}}, {{0, 1}, {0, 1}, {}}, 2);
  EXPECT_DOUBLE_EQ(r.per_label[0].precision, 0.5);
  EXPECT_DOUBLE_EQ(r.per_label[0].recall, 0.5);
  EXPECT_DOUBLE_EQ(r.per_label[0].f1, 0.5);
  EXPECT_EQ(r.per_label[0].support, 2);
  EXPECT_DOUBLE_EQ(r.per_label[1].f1, 1.0);
  EXPECT_DOUBLE_EQ(r.macro_f1, 0.75);
  EXPECT_DOUBLE_EQ(r.micro_f1, 2.0 * 3 / (2.0 * 3 + 1 + 1));
  EXPECT_DOUBLE_EQ(r.gold_cardinality, 4.0 / 3);
  EXPECT_DOUBLE_EQ(r.predicted_cardinality, 4.0 / 3);
}

TEST(TaxonomyTest, ParsesAndRejects) {
  auto t =
      Taxonomy::Parse(R"({"name": "n", "labels": [{"id": "a_1", "name": "A"},
                                {"id": "b"}]})",
                      "t");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->size(), 2u);
  EXPECT_EQ(t->IndexOf("b"), 1);
  EXPECT_EQ(t->labels()[1].name, "b");
  EXPECT_EQ(t->IndexOf("c"), -1);
  const char* bad[] = {
      "not json",
      R"({"labels": []})",
      R"({"labels": [{"name": "x"}]})",
      R"({"labels": [{"id": "Bad Id"}]})",
      R"({"labels": [{"id": "a"}, {"id": "a"}]})",
  };
  for (const char* json : bad) {
    auto r = Taxonomy::Parse(json, "file.json");
    ASSERT_FALSE(r.ok()) << json;
    EXPECT_EQ(r.status().message().rfind("file.json: ", 0), 0u)
        << r.status().message();
  }
}

TEST(TaxonomyTest, BundledTaxonomyHasTheNineLabels) {
  auto t =
      Taxonomy::Load(std::string(SIFT_SOURCE_DIR) + "/models/taxonomy.json");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->size(), 9u);
  EXPECT_EQ(t->labels()[0].id, "ideas");
  EXPECT_EQ(t->labels()[8].id, "ageing_society");
}

}  // namespace
}  // namespace sift::nlp
