// The campaign-collapsed arithmetic and the sector labels of the digest.
#include <gtest/gtest.h>

#include "digest_corpus.h"
#include "digest_sections.h"

namespace sift::report {
namespace {

CorpusResponse Response(std::vector<int> labels, std::string campaign) {
  CorpusResponse r;
  r.labels = std::move(labels);
  r.campaign = std::move(campaign);
  return r;
}

TEST(CampaignCollapsedCountTest, EachCampaignCountsOnce) {
  Corpus corpus;
  corpus.label_ids = {"places", "people"};
  corpus.responses = {
      Response({0}, ""),      Response({0}, "c1"), Response({0}, "c1"),
      Response({0, 1}, "c1"), Response({0}, "c2"), Response({1}, "c2"),
      Response({1}, ""),      Response({}, "c3"),  Response({}, ""),
  };
  // places: 1 alone + campaigns {c1, c2} = 3 (of 5 raw).
  EXPECT_EQ(CampaignCollapsedCount(corpus, 0), 3);
  // people: 1 alone + {c1, c2} = 3 (of 3 raw: no collapse within people).
  EXPECT_EQ(CampaignCollapsedCount(corpus, 1), 3);
  // everything: 3 alone + {c1, c2, c3} = 6 (of 9 raw).
  EXPECT_EQ(CampaignCollapsedCount(corpus, -1), 6);
  EXPECT_EQ(CampaignCollapsedCount(Corpus(), -1), 0);
}

TEST(SectorLabelTest, ReadableForms) {
  EXPECT_EQ(SectorLabel("life_sciences"), "Life sciences");
  EXPECT_EQ(SectorLabel("resident"), "Resident");
  EXPECT_EQ(SectorLabel(""), "");
}

}  // namespace
}  // namespace sift::report
