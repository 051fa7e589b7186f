// Tests for TextNormalizer, DecodeHtml, CaseFold and FilterKey.
#include "sift/ingest/normalizer.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace sift::ingest {
namespace {

// UTF-8 spellings used below.
#define NBSP "\xC2\xA0"
#define ZWSP "\xE2\x80\x8B"
#define SHY "\xC2\xAD"
#define LSQUO "\xE2\x80\x98"
#define RSQUO "\xE2\x80\x99"
#define LDQUO "\xE2\x80\x9C"
#define RDQUO "\xE2\x80\x9D"
#define NDASH "\xE2\x80\x93"
#define MDASH "\xE2\x80\x94"
#define MINUS "\xE2\x88\x92"
#define PRIME "\xE2\x80\xB2"
#define DPRIME "\xE2\x80\xB3"
#define HELLIP "\xE2\x80\xA6"
#define FI_LIG "\xEF\xAC\x81"
#define E_ACUTE "\xC3\xA9"
#define E_COMBINING "e\xCC\x81"
#define FULLWIDTH_ABC "\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3"
#define ZWJ "\xE2\x80\x8D"

class NormalizerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto n = TextNormalizer::Create();
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    normalizer_.emplace(n.value());
  }
  std::optional<TextNormalizer> normalizer_;
};

struct Case {
  const char* name;
  std::string input;
  std::string display;
  std::string analysis;
};

TEST_F(NormalizerTest, DisplayAndAnalysisForms) {
  const Case cases[] = {
      {"plain", "Hello world", "Hello world", "Hello world"},
      {"empty", "", "", ""},
      {"only whitespace", " \t\n \r\n ", "", ""},
      {"ligature NFKC in analysis only", "of" FI_LIG "ce", "of" FI_LIG "ce",
       "office"},
      {"fullwidth letters", FULLWIDTH_ABC " road", FULLWIDTH_ABC " road",
       "ABC road"},
      {"NFC composes in display", "caf" E_COMBINING, "caf" E_ACUTE,
       "caf" E_ACUTE},
      {"control chars removed",
       "a\x01"
       "b\x07"
       "c\x7F"
       "d\x1B",
       "abcd", "abcd"},
      {"zero-width space and soft hyphen removed",
       "in" ZWSP "visible co" SHY "operate", "invisible cooperate",
       "invisible cooperate"},
      {"joiner kept", "a" ZWJ "b", "a" ZWJ "b", "a" ZWJ "b"},
      {"BOM removed", "\xEF\xBB\xBFstart", "start", "start"},
      {"NBSP to space", "10" NBSP "miles", "10 miles", "10 miles"},
      {"whitespace runs collapsed", "a  \t  b   c", "a b c", "a b c"},
      {"lines trimmed", "  first line  \n\t second line\t",
       "first line\nsecond line", "first line second line"},
      {"3+ newlines to one blank line", "para one\n\n\n\n\npara two",
       "para one\n\npara two", "para one para two"},
      {"blank lines with spaces", "a\n \n\t\n  \nb", "a\n\nb", "a b"},
      {"CRLF to LF", "one\r\ntwo\r\n\r\nthree\r\n", "one\ntwo\n\nthree",
       "one two three"},
      {"lone CR", "one\rtwo", "one\ntwo", "one two"},
      {"leading and trailing breaks", "\n\n  text \n\n", "text", "text"},
      {"smart quotes folded in analysis",
       LSQUO "single" RSQUO " " LDQUO "double" RDQUO " it" RSQUO "s",
       LSQUO "single" RSQUO " " LDQUO "double" RDQUO " it" RSQUO "s",
       "'single' \"double\" it's"},
      {"dashes folded in analysis", "2019" NDASH "2020 " MDASH " x " MINUS "3",
       "2019" NDASH "2020 " MDASH " x " MINUS "3", "2019-2020 - x -3"},
      {"primes folded", "5" PRIME "10" DPRIME, "5" PRIME "10" DPRIME, "5'10\""},
      {"ellipsis", "wait" HELLIP " what", "wait" HELLIP " what",
       "wait... what"},
      {"amp entity", "Fish &amp; chips", "Fish & chips", "Fish & chips"},
      {"nbsp entity", "a&nbsp;&nbsp;b", "a b", "a b"},
      {"decimal reference", "it&#8217;s", "it" RSQUO "s", "it's"},
      {"hex reference", "it&#x2019;s &#X201C;q&#x201d;",
       "it" RSQUO "s " LDQUO "q" RDQUO, "it's \"q\""},
      {"named quotes and dashes", "&lsquo;a&rsquo; &ndash; &hellip;",
       LSQUO "a" RSQUO " " NDASH " " HELLIP, "'a' - ..."},
      {"br", "line one<br>line two<BR/>three<br />four",
       "line one\nline two\nthree\nfour", "line one line two three four"},
      {"paragraphs", "<p>First.</p><p>Second.</p>", "First.\n\nSecond.",
       "First. Second."},
      {"list items", "<ul><li>one</li><li>two</li></ul>", "- one\n- two",
       "- one - two"},
      {"inline tags stripped", "<b>bold</b> and <a href=\"x\">link</a>",
       "bold and link", "bold and link"},
      {"escaped tag stays text", "&lt;script&gt;", "<script>", "<script>"},
      {"R&D untouched", "R&D spend", "R&D spend", "R&D spend"},
      {"a < b untouched", "if a < b and c > d", "if a < b and c > d",
       "if a < b and c > d"},
      {"5 <10 untouched", "5 <10 people", "5 <10 people", "5 <10 people"},
      {"unknown entity untouched", "&foo; &bogus x", "&foo; &bogus x",
       "&foo; &bogus x"},
      {"bad reference untouched", "&#; &#xZZ; &#0;", "&#; &#xZZ; &#0;",
       "&#; &#xZZ; &#0;"},
      {"pound sign", "&pound;5 &amp;amp;",
       "\xC2\xA3"
       "5 &amp;",
       "\xC2\xA3"
       "5 &amp;"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::string display = normalizer_->ForDisplay(c.input);
    EXPECT_EQ(display, c.display);
    EXPECT_EQ(normalizer_->ForAnalysis(display), c.analysis);
  }
}

TEST_F(NormalizerTest, IdempotentOnItsOwnOutput) {
  const std::string input =
      "<p>It&#8217;s  a " FI_LIG "ne day" HELLIP "</p>\n\n\n\nok" NBSP "then";
  std::string display = normalizer_->ForDisplay(input);
  EXPECT_EQ(normalizer_->ForDisplay(display), display);
  std::string analysis = normalizer_->ForAnalysis(display);
  EXPECT_EQ(normalizer_->ForAnalysis(analysis), analysis);
  EXPECT_EQ(analysis, "It's a fine day... ok then");
}

TEST(DecodeHtmlTest, TextWithoutMarkupUnchanged) {
  const std::string text = "No markup here; 5 > 3.";
  EXPECT_EQ(DecodeHtml(text), text);
  EXPECT_EQ(DecodeHtml("x<y"), "x<y");
  EXPECT_EQ(DecodeHtml("AT&T;"), "AT&T;");
  EXPECT_EQ(DecodeHtml("<div>a</div><div>b</div>"), "\na\n\nb\n");
}

TEST(CaseFoldTest, FoldsUnicodeCase) {
  EXPECT_EQ(CaseFold("Hello WORLD"), "hello world");
  EXPECT_EQ(CaseFold("\xC3\x89"
                     "COLE"),
            E_ACUTE "cole");  // ÉCOLE
  EXPECT_EQ(CaseFold("Stra\xC3\x9F"
                     "e"),
            "strasse");                                         // Straße
  EXPECT_EQ(CaseFold("\xCE\xA3\xCE\xA9"), "\xCF\x83\xCF\x89");  // ΣΩ -> σω
  EXPECT_EQ(CaseFold(""), "");
  EXPECT_EQ(CaseFold("123 - !"), "123 - !");
}

TEST(FilterKeyTest, FoldsAndJoinsWords) {
  struct KeyCase {
    std::string value;
    std::string key;
  };
  const KeyCase cases[] = {
      {"St. Albans", "st_albans"},
      {"ST ALBANS", "st_albans"},
      {" st  albans ", "st_albans"},
      {"st-albans", "st_albans"},
      {"Welwyn Hatfield (Borough)", "welwyn_hatfield_borough"},
      {"Local Authority / Council", "local_authority_council"},
      {"Caf\xC3\x89 owner", "caf" E_ACUTE "_owner"},
      {"...", ""},
      {"", ""},
      {"Q1", "q1"},
  };
  for (const KeyCase& c : cases) {
    EXPECT_EQ(FilterKey(c.value), c.key) << "'" << c.value << "'";
  }
}

}  // namespace
}  // namespace sift::ingest
