// Classification during ingest, read back through search: theme filter
// terms, theme facets, score sorting and labels on hits. Uses a tiny model
// trained here on a tiny real vector table (no download needed).
#include <gtest/gtest.h>

#include <optional>

#include "sift/index/indexer.h"
#include "sift/index/searcher.h"
#include "sift/nlp/trainer.h"
#include "sift/nlp/word_vectors.h"
#include "test_util.h"

namespace sift::index {
namespace {

using ::sift::testing::TempDir;
using ::sift::testing::WriteFile;

class ThemesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    vectors_ = dir_.file("tiny.siftvec");
    ASSERT_TRUE(nlp::ConvertWinkEmbeddings(std::string(SIFT_SOURCE_DIR) +
                                               "/tests/fixtures/wink_tiny.json",
                                           vectors_, {})
                    .ok());
    auto table = nlp::WordVectors::Load(vectors_);
    ASSERT_TRUE(table.ok());
    auto taxonomy = nlp::Taxonomy::Parse(
        R"({"labels": [{"id": "transport"}, {"id": "schools"}]})", "t");
    ASSERT_TRUE(taxonomy.ok());
    std::vector<nlp::LabelledText> data;
    for (int copy = 0; copy < 4; ++copy) {
      data.push_back({"the road and the cars", {0}, {}});
      data.push_back({"bus to the town", {0}, {}});
      data.push_back({"the school teacher", {1}, {}});
      data.push_back({"school in the village", {1}, {}});
      data.push_back({"river and bridge", {}, {}});
    }
    nlp::TrainOptions o;
    o.features.buckets = 1024;
    o.bag_dim = 8;
    o.hidden = 16;
    o.learning_rate = 1e-2f;
    o.batch = 4;
    o.max_epochs = 40;
    auto report =
        nlp::Train(taxonomy.value(), table.value(), data,
                   {data.begin(), data.begin() + 5}, o, dir_.file("model"));
    ASSERT_TRUE(report.ok()) << report.status().ToString();
  }

  Result<IngestReport> Ingest(const std::string& csv) {
    IngestOptions o;
    o.db_path = dir_.file("db");
    o.model_dir = dir_.file("model");
    o.vectors_path = vectors_;
    return IngestFiles({WriteFile(dir_.file("in.csv"), csv)}, o);
  }

  TempDir dir_;
  std::string vectors_;
};

TEST_F(ThemesTest, LabelsReachTheIndex) {
  auto report = Ingest(
      "id,text\n"
      "r1,the road and the cars\n"
      "r2,bus to the town\n"
      "r3,the school teacher\n"
      "r4,river and bridge\n");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->themes.size(), 2u);
  EXPECT_EQ(report->themes[0],
            std::make_pair(std::string("transport"), std::int64_t{2}));
  EXPECT_EQ(report->themes[1],
            std::make_pair(std::string("schools"), std::int64_t{1}));
  EXPECT_FALSE(report->model.empty());

  auto s = Searcher::Open(dir_.file("db"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->metadata("sift.model"), report->model);
  EXPECT_EQ(s->metadata("sift.labels"), R"(["transport","schools"])");
  SearchRequest req;
  req.filters["theme"] = {"transport"};
  req.facets = true;
  auto r = s->Search(req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->total, 2);  // the same number the ingest report gave
  for (const auto& hit : r->hits) {
    EXPECT_TRUE(hit.classified);
    EXPECT_EQ(hit.labels, std::vector<std::string>{"transport"});
    ASSERT_EQ(hit.scores.size(), 2u);
    EXPECT_EQ(hit.scores[0].first, "transport");
  }
  ASSERT_EQ(r->facets["theme"].size(), 2u);
  EXPECT_EQ(r->facets["theme"][0].key, "transport");
  EXPECT_EQ(r->facets["theme"][0].count, 2);
  EXPECT_EQ(r->facets["theme"][1].count, 0);

  SearchRequest by_query;
  by_query.query = "theme:schools";
  EXPECT_EQ(s->Search(by_query)->total, 1);

  SearchRequest sorted;
  sorted.sort = SortOrder::kScoreDescending;
  sorted.sort_label = "schools";
  auto ranked = s->Search(sorted);
  ASSERT_TRUE(ranked.ok());
  EXPECT_EQ(ranked->hits[0].response.id, "r3");
  sorted.sort_label = "nope";
  EXPECT_EQ(s->Search(sorted).status().code(), Status::Code::kInvalidArgument);
}

TEST_F(ThemesTest, MissingModelIsAnErrorAndWritesNothing) {
  IngestOptions o;
  o.db_path = dir_.file("db2");
  o.model_dir = dir_.file("no-such-model");
  o.vectors_path = vectors_;
  auto r =
      IngestFiles({WriteFile(dir_.file("x.csv"), "id,text\n1,hello\n")}, o);
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(std::filesystem::exists(dir_.file("db2")));
}

}  // namespace
}  // namespace sift::index
