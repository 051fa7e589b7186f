// Campaign clusters where near-duplicates chain: a cluster is cut where a
// member is unlike the template, kept whole around it, and never drifts.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "campaigns_fixture.h"
#include "sift/ingest/campaigns.h"

namespace sift::ingest {
namespace {

// A, B and C are 100-word slices 15 words apart: J(A,B) = J(B,C) = 0.73 is
// above the threshold, J(A,C) = 0.52 below it.
class ChainingTest : public ::testing::Test {
 protected:
  const std::string a_ = Slice(0, 100), b_ = Slice(15, 115),
                    c_ = Slice(30, 130);
  void SetUp() override {
    ASSERT_GT(ShingleJaccard(a_, b_, 5), 0.7);
    ASSERT_GT(ShingleJaccard(b_, c_, 5), 0.7);
    ASSERT_LT(ShingleJaccard(a_, c_, 5), 0.55);
  }
  std::vector<std::string> Texts(int a, int b, int c) const {
    std::vector<std::string> texts = Repeat(a_, a);
    for (const std::string& t : Repeat(b_, b)) texts.push_back(t);
    for (const std::string& t : Repeat(c_, c)) texts.push_back(t);
    return texts;
  }
};

TEST_F(ChainingTest, ChainThroughAMemberIsCut) {
  // Union-find alone would make one group of 9; C is unlike template A.
  const auto found = FindAll(Texts(5, 1, 3));
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].members, (Indices{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(found[0].template_index, 0u);
  EXPECT_EQ(found[1].members, (Indices{6, 7, 8}));
  EXPECT_EQ(found[1].template_index, 6u);
}

TEST_F(ChainingTest, StarAroundTheTemplateStaysWhole) {
  // B is the template and both A and C are near it: one campaign.
  const auto found = FindAll(Texts(3, 5, 3));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].members.size(), 11u);
  EXPECT_EQ(found[0].template_index, 3u);
}

TEST_F(ChainingTest, LongDriftIsNoSingleCampaign) {
  // Ten slices each 15 words on from the last, three copies each.
  std::vector<std::string> texts;
  for (int i = 0; i < 10; ++i) {
    for (const std::string& t : Repeat(Slice(15 * i, 15 * i + 100), 3)) {
      texts.push_back(t);
    }
  }
  const auto found = FindAll(texts);
  ASSERT_FALSE(found.empty());
  for (const Campaign& c : found) {
    for (std::size_t m : c.members) {
      EXPECT_GE(ShingleJaccard(texts[c.template_index], texts[m], 5), 0.5)
          << c.id << " member " << m;
    }
  }
}

}  // namespace
}  // namespace sift::ingest
