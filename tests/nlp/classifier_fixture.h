// The classifier tests' fixture: a tiny real vector table (built from
// tests/fixtures/wink_tiny.json by the real converter), a two-label
// taxonomy and a tiny labelled set.
#ifndef SIFT_TESTS_NLP_CLASSIFIER_FIXTURE_H_
#define SIFT_TESTS_NLP_CLASSIFIER_FIXTURE_H_

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sift/nlp/taxonomy.h"
#include "sift/nlp/trainer.h"
#include "sift/nlp/word_vectors.h"
#include "test_util.h"

namespace sift::nlp {

inline constexpr char kTaxonomy[] = R"({"name": "test", "labels": [
  {"id": "transport", "name": "Transport"},
  {"id": "schools", "name": "Schools"}]})";

// Transport texts mention roads, cars, buses; school texts teachers.
inline std::vector<LabelledText> Data(int copies) {
  const std::pair<const char*, std::vector<int>> base[] = {
      {"the road and the cars", {0}},
      {"roads in the city", {0}},
      {"bus to the town", {0}},
      {"train and bus and car", {0}},
      {"the school teacher", {1}},
      {"teacher of the village school", {1}},
      {"school in the town", {1}},
      {"the teacher and the bus to school", {0, 1}},
      {"river and bridge", {}},
      {"walk the path by the river", {}},
  };
  std::vector<LabelledText> out;
  for (int c = 0; c < copies; ++c) {
    for (const auto& [text, labels] : base) out.push_back({text, labels, {}});
  }
  return out;
}

class ClassifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    vectors_path_ = dir_.file("tiny.siftvec");
    auto stats = ConvertWinkEmbeddings(
        std::string(SIFT_SOURCE_DIR) + "/tests/fixtures/wink_tiny.json",
        vectors_path_, {});
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    auto vectors = WordVectors::Load(vectors_path_);
    ASSERT_TRUE(vectors.ok());
    vectors_.emplace(std::move(vectors.value()));
    auto taxonomy = Taxonomy::Parse(kTaxonomy, "test");
    ASSERT_TRUE(taxonomy.ok());
    taxonomy_ = taxonomy.value();
    options_.features.buckets = 1024;
    options_.bag_dim = 8;
    options_.hidden = 16;
    options_.max_epochs = 60;
    options_.learning_rate = 1e-2f;
    options_.batch = 8;
    // Four copies of each text: leaving tokens out would starve the
    // explanation test; DropoutOptionsTrainDifferentModels covers it.
    options_.bag_dropout = 0;
  }

  std::string TrainModel(const std::string& name, std::uint64_t seed = 7) {
    TrainOptions o = options_;
    o.seed = seed;
    std::string out = dir_.file(name);
    auto report = Train(taxonomy_, *vectors_, Data(4), Data(1), o, out);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return out;
  }

  testing::TempDir dir_;
  std::string vectors_path_;
  std::optional<WordVectors> vectors_;
  Taxonomy taxonomy_;
  TrainOptions options_;
};

}  // namespace sift::nlp

#endif  // SIFT_TESTS_NLP_CLASSIFIER_FIXTURE_H_
