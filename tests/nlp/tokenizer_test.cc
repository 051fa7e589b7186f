// Tests for sift::nlp::Tokenizer: ICU word segmentation, case folding and
// redaction placeholders.
#include "sift/nlp/tokenizer.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

namespace sift::nlp {
namespace {

using Tokens = std::vector<std::string>;

Tokens Tokenize(const std::string& text) {
  auto tokenizer = Tokenizer::Create();
  EXPECT_TRUE(tokenizer.ok()) << tokenizer.status().ToString();
  Tokens tokens;
  tokenizer->Tokenize(text, &tokens);
  return tokens;
}

struct Case {
  const char* name;
  const char* text;
  Tokens want;
  friend void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }
};

class TokenizerTableTest : public ::testing::TestWithParam<Case> {};

TEST_P(TokenizerTableTest, Tokenizes) {
  const Case& c = GetParam();
  EXPECT_EQ(Tokenize(c.text), c.want) << "input: " << c.text;
}

const Case kCases[] = {
    {"Empty", "", {}},
    {"OnlySpaceAndPunctuation", "  ... !? -- ", {}},
    {"LowerCased", "The Green BELT", {"the", "green", "belt"}},
    {"PunctuationDropped",
     "Roads, schools; (and) \"GPs\"!",
     {"roads", "schools", "and", "gps"}},
    {"IntegersKept", "2,000 homes by 2030", {"2,000", "homes", "by", "2030"}},
    {"MoneyKeepsTheNumber", "£2.5m for buses", {"2.5m", "for", "buses"}},
    {"Percentages", "up 12.5% on 2019", {"up", "12.5", "on", "2019"}},
    {"RoadNumbers", "the A414 and M25", {"the", "a414", "and", "m25"}},
    {"Contraction", "I don't think so", {"i", "don't", "think", "so"}},
    {"ContractionCapitalised", "DON'T", {"don't"}},
    {"Possessive", "Hertfordshire's towns", {"hertfordshire's", "towns"}},
    {"HyphenSplits",
     "well-known green-belt",
     {"well", "known", "green", "belt"}},
    {"AccentedLatin", "Café RÉSUMÉ", {"café", "résumé"}},
    {"CaseFoldedSharpS", "STRASSE Straße", {"strasse", "strasse"}},
    {"Ideographs", "漢字", {"漢字"}},
    {"IdeographsBetweenWords", "the 漢字 test", {"the", "漢字", "test"}},
    {"EmailPlaceholder", "[EMAIL]", {"[email]"}},
    {"PlaceholderInSentence",
     "Write to [EMAIL] or call [PHONE].",
     {"write", "to", "[email]", "or", "call", "[phone]"}},
    {"PostcodePlaceholder",
     "near [POSTCODE], Watford",
     {"near", "[postcode]", "watford"}},
    {"AdjacentPlaceholders", "[NINO][URL]", {"[nino]", "[url]"}},
    {"NotAPlaceholder", "[not a placeholder]", {"not", "a", "placeholder"}},
    {"LowerCaseBracketWord", "[email]", {"email"}},
    {"BracketedNumberIsANumber",
     "see note [2] below",
     {"see", "note", "2", "below"}},
    {"BracketedWordsWithSpace", "[A B]", {"a", "b"}},
    {"BracketedAcronymIsAWord", "the [NHS] trust", {"the", "nhs", "trust"}},
    {"AllPlaceholderKinds",
     "[EMAIL] [URL] [NINO] [PHONE] [POSTCODE]",
     {"[email]", "[url]", "[nino]", "[phone]", "[postcode]"}},
    {"PlaceholderGluedToWords", "to[EMAIL]now", {"to", "[email]", "now"}},
    {"UnclosedBracket", "[EMAIL and more", {"email", "and", "more"}},
    {"LoneBracketAtEnd", "end [", {"end"}},
    {"LineBreaks",
     "first line\nsecond\r\nthird",
     {"first", "line", "second", "third"}},
};

INSTANTIATE_TEST_SUITE_P(Cases, TokenizerTableTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return std::string(info.param.name);
                         });

TEST(TokenizerTest, AppendsToExistingTokens) {
  auto tokenizer = Tokenizer::Create();
  ASSERT_TRUE(tokenizer.ok());
  Tokens tokens = {"kept"};
  tokenizer->Tokenize("one two", &tokens);
  tokenizer->Tokenize("three", &tokens);
  EXPECT_EQ(tokens, (Tokens{"kept", "one", "two", "three"}));
}

TEST(TokenizerTest, MovedTokenizerStillWorks) {
  auto created = Tokenizer::Create();
  ASSERT_TRUE(created.ok());
  Tokenizer moved = std::move(created.value());
  Tokens tokens;
  moved.Tokenize("Bus Services", &tokens);
  EXPECT_EQ(tokens, (Tokens{"bus", "services"}));
}

TEST(TokenizerTest, ReusedAcrossTextsWithoutLeakingState) {
  auto tokenizer = Tokenizer::Create();
  ASSERT_TRUE(tokenizer.ok());
  Tokens a;
  tokenizer->Tokenize("a much longer first text about [EMAIL] addresses", &a);
  Tokens b;
  tokenizer->Tokenize("short", &b);
  EXPECT_EQ(b, (Tokens{"short"}));
}

}  // namespace
}  // namespace sift::nlp
