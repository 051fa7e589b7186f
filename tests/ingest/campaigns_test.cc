// Tests for campaign detection: CampaignFinder, PersonalAdditions and the
// word and shingle definitions they rest on. How clusters are cut where
// near-duplicates chain: campaigns_chaining_test.cc.
#include "sift/ingest/campaigns.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "campaigns_fixture.h"

namespace sift::ingest {
namespace {

using Sentences = std::vector<std::string>;

// A form letter of 77 words, and two letters on the same topic in other
// words.
const char kLetter[] =
    "Dear Administrator, I am writing to oppose the proposed rule on "
    "coal ash permits. Clean water is the lifeblood of our communities, and "
    "too many families already live near leaking ponds that threaten their "
    "health. The 2015 safeguards must stay in place, utilities must clean up "
    "the waste they created, and the public must keep its right to know "
    "about contamination in its own drinking water. Please withdraw this "
    "proposal and protect us instead. Sincerely,";
const char kOtherLetter[] =
    "To the agency: our town sits beside a coal ash pond and we have seen "
    "what weak rules do. Wells near the plant tested high for arsenic last "
    "spring, and the company still has not lined the pond. I ask you to keep "
    "the current coal ash rule, enforce it, and make the operators pay for "
    "monitoring, because the people downstream cannot afford to pay for it "
    "with their health.";
const char kThirdLetter[] =
    "As a nurse I see the effects of polluted water on children every week. "
    "Coal ash contains heavy metals that build up in the body over years. "
    "Loosening the permit rules would let more of it reach rivers and "
    "groundwater that families depend on, so I urge the agency to reject "
    "the proposal and to strengthen, not weaken, the protections we already "
    "have in place for communities near power plants.";
const char kPersonal[] = "My grandmother drank from a well beside the plant.";

TEST(CampaignWordsTest, FoldsCaseDropsPunctuationJoinsApostrophes) {
  struct Case {
    const char* text;
    std::vector<std::string> words;
  };
  const Case cases[] = {
      {"", {}},
      {"  \n\t ", {}},
      {"Don't STOP, the EPA's rule!", {"dont", "stop", "the", "epas", "rule"}},
      {"Don\xE2\x80\x99t", {"dont"}},
      {"e-mail 2015 safe-guards", {"e", "mail", "2015", "safe", "guards"}},
      {"\xF0\x9F\x91\x8D yes \xF0\x9F\x98\x80", {"yes"}},
      {"CAF\xC3\x89 caf\xC3\xA9", {"caf\xC3\xA9", "caf\xC3\xA9"}},
      {"\xD0\x9C\xD0\xB8\xD1\x80 \xD0\xB4\xD0\xBE\xD0\xBC",
       {"\xD0\xBC\xD0\xB8\xD1\x80", "\xD0\xB4\xD0\xBE\xD0\xBC"}},
      {"\xE4\xB8\xAD\xE6\x96\x87ok", {"\xE4\xB8\xAD", "\xE6\x96\x87", "ok"}},
      {"'quoted' it's", {"quoted", "its"}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(CampaignWords(c.text), c.words) << c.text;
  }
}

TEST(ShingleJaccardTest, KnownValues) {
  EXPECT_DOUBLE_EQ(ShingleJaccard(kLetter, kLetter, 5), 1.0);
  EXPECT_DOUBLE_EQ(ShingleJaccard("A b, C d e.", "a B c D e", 5), 1.0);
  // {abcde, bcdef} against {abcde, bcdeg}: one shared of three.
  EXPECT_DOUBLE_EQ(ShingleJaccard("a b c d e f", "a b c d e g", 5), 1.0 / 3);
  EXPECT_DOUBLE_EQ(ShingleJaccard(kLetter, kOtherLetter, 5), 0.0);
  EXPECT_DOUBLE_EQ(ShingleJaccard("", "", 5), 1.0);
  EXPECT_DOUBLE_EQ(ShingleJaccard("no comment", "No comment!", 5), 1.0);
  EXPECT_DOUBLE_EQ(ShingleJaccard("no comment", kLetter, 5), 0.0);
  // Slices of 100 words 15 apart share 81 of 111 distinct shingles.
  EXPECT_DOUBLE_EQ(ShingleJaccard(Slice(0, 100), Slice(15, 115), 5),
                   81.0 / 111);
}

TEST(ValidateCampaignOptionsTest, DefaultsValidBadFieldsNamed) {
  EXPECT_TRUE(ValidateCampaignOptions({}).ok());
  struct Case {
    void (*spoil)(CampaignOptions*);
    const char* field;
  };
  const Case cases[] = {
      {[](CampaignOptions* o) { o->shingle_words = 0; }, "shingle_words"},
      {[](CampaignOptions* o) { o->num_hashes = 0; }, "num_hashes"},
      {[](CampaignOptions* o) { o->bands = 5; }, "bands"},
      {[](CampaignOptions* o) { o->min_similarity = 0; }, "min_similarity"},
      {[](CampaignOptions* o) { o->min_similarity = 1.5; }, "min_similarity"},
      {[](CampaignOptions* o) { o->min_members = 1; }, "min_members"},
      {[](CampaignOptions* o) { o->min_words = 2; }, "min_words"},
  };
  for (const Case& c : cases) {
    CampaignOptions options;
    c.spoil(&options);
    Status status = ValidateCampaignOptions(options);
    EXPECT_EQ(status.code(), Status::Code::kInvalidArgument) << c.field;
    EXPECT_NE(status.message().find(c.field), std::string::npos)
        << status.message();
  }
}

TEST(CampaignFinderTest, IdenticalLettersCluster) {
  std::vector<std::string> texts = {kOtherLetter};
  for (const std::string& t : Repeat(kLetter, 5)) texts.push_back(t);
  texts.push_back(kThirdLetter);
  const auto found = FindAll(texts);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].members, (Indices{1, 2, 3, 4, 5}));
  EXPECT_EQ(found[0].template_index, 1u);  // the first among equals
  EXPECT_EQ(found[0].id.size(), 11u);
  EXPECT_EQ(found[0].id[0], 'c');
  EXPECT_EQ(found[0].id.find_first_not_of("0123456789abcdef", 1),
            std::string::npos);
}

TEST(CampaignFinderTest, CaseSpacingAndPunctuationDoNotMatter) {
  std::string shouted = kLetter;
  for (char& c : shouted) c = static_cast<char>(std::toupper(c));
  std::string spaced = std::string("  ").append(kLetter).append("\n\n");
  std::string unpunctuated;
  for (char c : std::string(kLetter)) {
    if (c != ',' && c != '.') unpunctuated.push_back(c);
  }
  const auto found = FindAll({shouted, spaced, unpunctuated});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].members, (Indices{0, 1, 2}));
}

TEST(CampaignFinderTest, PersonalSentenceJoinsAndIsTheAddition) {
  const std::string member =
      std::string(kLetter).append("\n").append(kPersonal).append("\nJane Doe");
  std::vector<std::string> texts = Repeat(kLetter, 4);
  texts.push_back(member);
  const auto found = FindAll(texts);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].members, (Indices{0, 1, 2, 3, 4}));
  EXPECT_EQ(found[0].template_index, 0u);
  EXPECT_EQ(PersonalAdditions(kLetter, member),
            (Sentences{kPersonal, "Jane Doe"}));
  // Inserted mid-letter, on the same line, it is still found.
  std::string inline_member = kLetter;
  inline_member.insert(inline_member.find("The 2015"),
                       std::string(kPersonal).append(" "));
  EXPECT_EQ(PersonalAdditions(kLetter, inline_member), (Sentences{kPersonal}));
}

TEST(CampaignFinderTest, RewordedLettersOnOneTopicStayApart) {
  // One copy each: nothing. Three copies each: three campaigns.
  EXPECT_TRUE(FindAll({kLetter, kOtherLetter, kThirdLetter}).empty());
  std::vector<std::string> texts;
  for (int i = 0; i < 3; ++i) {
    texts.insert(texts.end(), {kLetter, kOtherLetter, kThirdLetter});
  }
  const auto found = FindAll(texts);
  ASSERT_EQ(found.size(), 3u);
  std::set<std::vector<std::size_t>> groups;
  for (const Campaign& c : found) groups.insert(c.members);
  EXPECT_EQ(groups, (std::set<std::vector<std::size_t>>{
                        {0, 3, 6}, {1, 4, 7}, {2, 5, 8}}));
}

TEST(CampaignFinderTest, ShortTextsNeverFormCampaigns) {
  const CampaignOptions defaults;
  // One word short of min_words, and placeholders.
  const std::string just_short = Slice(0, defaults.min_words - 1);
  std::vector<std::string> texts;
  for (const std::string& t :
       {std::string("See attached file(s)"), std::string("No comment"),
        std::string("I oppose this rule."), just_short}) {
    for (const std::string& copy : Repeat(t, 20)) texts.push_back(copy);
  }
  EXPECT_TRUE(FindAll(texts).empty());
  // One word more and it is a campaign.
  for (const std::string& copy : Repeat(Slice(0, defaults.min_words), 3)) {
    texts.push_back(copy);
  }
  const auto found = FindAll(texts);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].members, (Indices{80, 81, 82}));
}

// Short answers given word for word by min_members or more are listed
// apart from campaigns: largest first, case and punctuation ignored, never
// a text of min_words words, never an empty one.
TEST(CampaignFinderTest, RepeatedShortAnswersAreListedApart) {
  CampaignFinder finder;
  const std::vector<std::string> texts = {"See attached file(s)",
                                          "No comment",
                                          "see attached FILE(S).",
                                          "",
                                          "No comment",
                                          "See attached file(s)",
                                          "",
                                          "",
                                          "See attached file(s)",
                                          "Nothing",
                                          "Nothing",
                                          kLetter,
                                          kLetter,
                                          kLetter};
  for (const std::string& t : texts) finder.Add(t);
  const auto repeated = finder.FindRepeated();
  ASSERT_EQ(repeated.size(), 1u);  // "No comment" x2 and "Nothing" x2: too few
  EXPECT_EQ(repeated[0].members, (Indices{0, 2, 5, 8}));
  EXPECT_EQ(repeated[0].id.size(), 11u);
  EXPECT_EQ(repeated[0].id[0], 'r');
  ASSERT_EQ(finder.Find().size(), 1u);  // the letter is a campaign, not here
  CampaignOptions two;
  two.min_members = 2;
  CampaignFinder loose(two);
  for (const std::string& t : texts) loose.Add(t);
  const auto found = loose.FindRepeated();
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].members.size(), 4u);
  EXPECT_LT(found[1].id, found[2].id);  // equal sizes: by id
}

TEST(CampaignFinderTest, FewerThanMinMembersIsNoCampaign) {
  EXPECT_TRUE(FindAll(Repeat(kLetter, 2)).empty());
  CampaignOptions options;
  options.min_members = 2;
  EXPECT_EQ(FindAll(Repeat(kLetter, 2), options).size(), 1u);
  options.min_members = 6;
  EXPECT_TRUE(FindAll(Repeat(kLetter, 5), options).empty());
}

TEST(CampaignFinderTest, DeterministicIdsStable) {
  std::vector<std::string> texts = Repeat(kLetter, 5);
  for (const std::string& t : Repeat(kOtherLetter, 3)) texts.push_back(t);
  const auto first = FindAll(texts);
  const auto again = FindAll(texts);
  ASSERT_EQ(first.size(), 2u);
  ASSERT_EQ(again.size(), 2u);
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].id, again[i].id);
    EXPECT_EQ(first[i].members, again[i].members);
    EXPECT_EQ(first[i].template_index, again[i].template_index);
  }
  EXPECT_NE(first[0].id, first[1].id);
  EXPECT_EQ(first[0].members.size(), 5u);  // largest first

  // An unrelated text added in the middle, or another seed: same ids.
  texts.insert(texts.begin() + 3, kThirdLetter);
  CampaignOptions reseeded;
  reseeded.seed = 42;
  for (const auto& found : {FindAll(texts), FindAll(texts, reseeded)}) {
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].id, first[0].id);
    EXPECT_EQ(found[1].id, first[1].id);
    EXPECT_EQ(found[0].members.size(), 5u);
  }
}

TEST(CampaignFinderTest, SortedBySizeThenIdEachTextOnce) {
  std::vector<std::string> texts;
  for (int letter = 0; letter < 6; ++letter) {
    for (int copy = 0; copy <= letter % 3; ++copy) {
      texts.push_back(Slice(letter * 1000, letter * 1000 + 40));
      texts.push_back(Slice(letter * 1000, letter * 1000 + 40));
      texts.push_back(Slice(letter * 1000, letter * 1000 + 40));
    }
  }
  const auto found = FindAll(texts);
  ASSERT_EQ(found.size(), 6u);
  std::set<std::size_t> seen;
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (i > 0) {
      const auto& a = found[i - 1];
      const auto& b = found[i];
      EXPECT_TRUE(a.members.size() > b.members.size() ||
                  (a.members.size() == b.members.size() && a.id < b.id));
    }
    EXPECT_TRUE(
        std::is_sorted(found[i].members.begin(), found[i].members.end()));
    for (std::size_t m : found[i].members) {
      EXPECT_TRUE(seen.insert(m).second) << m;
    }
  }
}

TEST(CampaignFinderTest, OddInputsDoNotCrash) {
  const std::string cyrillic =
      "\xD0\x9C\xD1\x8B \xD0\xBF\xD1\x80\xD0\xBE\xD1\x82\xD0\xB8\xD0\xB2 ";
  std::string russian, chinese;
  for (int i = 0; i < 8; ++i) russian.append(cyrillic);
  for (int i = 0; i < 20; ++i) chinese.append("\xE6\xB0\xB4");  // 水
  chinese.append("\xE6\xB1\xA1\xE6\x9F\x93\xE9\x97\xAE\xE9\xA2\x98");
  const std::vector<std::string> odd = {"",
                                        " ",
                                        "\n\t\r",
                                        "\xF0\x9F\x98\xA1\xF0\x9F\x98\xA1",
                                        "...",
                                        "\xFF\xFE",
                                        std::string(1, '\0'),
                                        std::string(5000, 'x')};
  std::vector<std::string> texts;
  for (int copy = 0; copy < 3; ++copy) {
    texts.insert(texts.end(), odd.begin(), odd.end());
    texts.push_back(russian);
    texts.push_back(chinese);
  }
  const auto found = FindAll(texts);
  ASSERT_EQ(found.size(), 2u);  // the Russian and the Chinese letters
  for (const Campaign& c : found) EXPECT_EQ(c.members.size(), 3u);
  for (const std::string& t : odd) {
    EXPECT_TRUE(PersonalAdditions(t, t).empty());
    EXPECT_NO_FATAL_FAILURE(PersonalAdditions(kLetter, t));
    EXPECT_NO_FATAL_FAILURE(PersonalAdditions(t, kLetter));
  }
  EXPECT_TRUE(FindAll({}).empty());
}

TEST(PersonalAdditionsTest, Table) {
  const std::string tmpl =
      "I oppose this rule. It harms rivers and the people who fish them.\n"
      "- Keep the 2015 safeguards\n"
      "- Make polluters pay\n"
      "Sincerely,";
  struct Case {
    std::string member;
    std::vector<std::string> additions;
  };
  const Case cases[] = {
      {tmpl, {}},
      {"", {}},
      // Bullets and line breaks are boundaries; a name line is an addition.
      {tmpl + "\nJohn Public", {"John Public"}},
      // One word changed in a template sentence: still the template's.
      {"I oppose this rule. It harms streams and the people who fish them.",
       {}},
      // A fragment split off by a different line break.
      {"I oppose this rule. It harms rivers\nand the people who fish them.",
       {}},
      // Own sentences anywhere, in the member's order, verbatim, trimmed.
      {"  My father fished the Ohio.  I oppose this rule. \n* Rivers matter "
       "to me!\n- Make polluters pay",
       {"My father fished the Ohio.", "Rivers matter to me!"}},
      // Punctuation alone is never an addition.
      {tmpl + "\n---\n...", {}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(PersonalAdditions(tmpl, c.member), c.additions) << c.member;
  }
}

}  // namespace
}  // namespace sift::ingest
