// Tests for the campaigns and repeated answers IngestFiles() finds over the
// whole database, against a real Xapian database in a temporary directory.
#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "indexer_fixture.h"
#include "sift/index/campaigns.h"
#include "sift/index/indexer.h"
#include "sift/index/searcher.h"
#include "test_util.h"

namespace sift::index {
namespace {

using ::sift::testing::WriteFile;

// Campaigns span runs: a template letter sent four times is one campaign;
// when a re-run changes two of the letters, the campaign dissolves (three
// members are needed) and the former members lose their campaign, while
// every response stays indexed.
TEST(IndexerCampaignTest, CampaignsFollowReruns) {
  testing::TempDir dir;
  const std::string letter =
      "I object to the plan to build two thousand homes on the green belt "
      "between our villages because the roads are already full";
  std::string csv = "id,text\n";
  for (int i = 1; i <= 4; ++i) {
    csv.append("L").append(std::to_string(i)).append(",").append(letter);
    csv.append("\n");
  }
  csv += "other,The buses in Stevenage need to run later in the evening\n";
  const std::string db = dir.file("db");
  auto first = IngestFiles({WriteFile(dir.file("a.csv"), csv)}, Options(db));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->campaigns, 1);
  EXPECT_EQ(first->campaign_members, 4);
  {
    Searcher s = OpenDb(db);
    SearchHit hit = OnlyHit(s, "id:L1");
    ASSERT_FALSE(hit.campaign.empty());
    EXPECT_EQ(Count(s, std::string("campaign:").append(hit.campaign)), 4);
    EXPECT_TRUE(OnlyHit(s, "id:other").campaign.empty());
  }
  std::string changed =
      "id,text\n"
      "L3,Actually I support new homes near the station if the rail line "
      "gets more trains and the car parks are kept\n"
      "L4,Please extend the cycle path from Hatfield to St Albans along the "
      "old railway so children can ride to school\n";
  auto second =
      IngestFiles({WriteFile(dir.file("b.csv"), changed)}, Options(db));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->campaigns, 0);
  EXPECT_EQ(second->database_documents, 5);
  Searcher s = OpenDb(db);
  for (const char* id : {"id:L1", "id:L2", "id:L3", "id:L4"}) {
    EXPECT_TRUE(OnlyHit(s, id).campaign.empty()) << id;
  }
  SearchRequest facets;
  facets.facets = true;
  facets.limit = 0;
  auto r = s.Search(facets);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->facets["campaign"].empty());
}

// Short answers given word for word by three or more responses are listed
// apart (ListRepeatedAnswers), never as campaigns; they follow re-runs too.
TEST(IndexerCampaignTest, RepeatedShortAnswersAreListedNotCampaigns) {
  testing::TempDir dir;
  const std::string csv =
      "id,text\n"
      "s1,See attached file(s)\n"
      "s2,see attached FILE(S).\n"
      "n1,No comment\n"
      "s3,See attached file(s)\n"
      "n2,No comment\n"
      "x1,The buses in Stevenage need to run later in the evening\n";
  const std::string db = dir.file("db");
  auto first = IngestFiles({WriteFile(dir.file("a.csv"), csv)}, Options(db));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->campaigns, 0);
  EXPECT_EQ(first->repeated_answers, 1);
  EXPECT_EQ(first->repeated_answer_members, 3);
  EXPECT_EQ(first->indexed, 6);
  auto listed = ListRepeatedAnswers(db);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].size, 3);
  EXPECT_EQ((*listed)[0].text, "See attached file(s)");
  EXPECT_EQ((*listed)[0].members, (std::vector<std::string>{"s1", "s2", "s3"}));
  {
    Searcher s = OpenDb(db);
    EXPECT_TRUE(OnlyHit(s, "id:s1").campaign.empty());
  }
  auto second = IngestFiles(
      {WriteFile(dir.file("b.csv"), "id,text\ns3,Our full response follows\n")},
      Options(db));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->repeated_answers, 0);
  listed = ListRepeatedAnswers(db);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_TRUE(listed->empty());
  EXPECT_EQ(ListRepeatedAnswers(dir.file("nowhere")).status().code(),
            Status::Code::kNotFound);
  // Damaged metadata: a clear error naming the database, never a crash.
  for (const char* damaged : {"{not json", "[{\"id\": 1, \"members\": 2}]"}) {
    Xapian::WritableDatabase(db, Xapian::DB_OPEN)
        .set_metadata("sift.repeated_answers", damaged);
    auto bad = ListRepeatedAnswers(db);
    ASSERT_FALSE(bad.ok()) << damaged;
    EXPECT_EQ(bad.status().code(), Status::Code::kCorruption) << damaged;
    EXPECT_NE(bad.status().message().find(db), std::string::npos);
    EXPECT_NE(bad.status().message().find("re-run sift ingest"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace sift::index
