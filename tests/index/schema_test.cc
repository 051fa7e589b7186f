// Tests for the stored record (index/src/schema.h): what the models said
// survives EncodeRecord() and DecodeRecord(), and records written before
// theme sentiment had a stored class still decode.
#include "schema.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sift::index::schema {
namespace {

StoredThemes Analysed() {
  StoredThemes t;
  t.classified = true;
  t.labels = {"ideas", "infrastructure"};
  t.scores = {{"ideas", 0.91f}, {"infrastructure", 0.88f}};
  t.has_sentiment = true;
  t.sentiment = "negative";
  t.sentiment_score = -0.41;
  t.sentiment_confidence = 0.83;
  t.theme_sentiment = {{"ideas", 0.62, "positive"},
                       {"infrastructure", -0.77, "negative"}};
  t.sentences = {{0, 18, 0.62, {"ideas"}, "positive"},
                 {19, 34, -0.77, {"infrastructure"}, "negative"}};
  return t;
}

TEST(StoredRecordTest, ThemeSentimentRoundTripsWithItsClass) {
  ingest::Response r;
  r.id = "m";
  r.display_text = "Superb university. Dreadful roads.";
  const std::string data = EncodeRecord(r, "", Analysed());
  ingest::Response back;
  std::string duplicate_of;
  StoredThemes themes;
  ASSERT_TRUE(DecodeRecord(data, 1, &back, &duplicate_of, &themes).ok());
  ASSERT_TRUE(themes.sentiment_confidence.has_value());
  EXPECT_DOUBLE_EQ(*themes.sentiment_confidence, 0.83);
  ASSERT_EQ(themes.theme_sentiment.size(), 2u);
  EXPECT_EQ(themes.theme_sentiment[0].label, "ideas");
  EXPECT_DOUBLE_EQ(themes.theme_sentiment[0].score, 0.62);
  EXPECT_EQ(themes.theme_sentiment[0].sentiment, "positive");
  EXPECT_EQ(themes.theme_sentiment[1].label, "infrastructure");
  EXPECT_EQ(themes.theme_sentiment[1].sentiment, "negative");
  ASSERT_EQ(themes.sentences.size(), 2u);
  EXPECT_EQ(themes.sentences[1].begin, 19u);
  EXPECT_EQ(themes.sentences[1].end, 34u);
  EXPECT_DOUBLE_EQ(themes.sentences[1].sentiment, -0.77);
  EXPECT_EQ(themes.sentences[1].labels,
            std::vector<std::string>{"infrastructure"});
  EXPECT_EQ(themes.sentences[1].polarity, "negative");
}

TEST(StoredRecordTest, RecordsWithScoresOnlyDecodeWithoutAClass) {
  const std::string older =
      R"({"id": "m", "text": "Dreadful roads.", "labels": ["infrastructure"],)"
      R"( "scores": {"infrastructure": 0.9}, "sentiment": "negative",)"
      R"( "sentiment_score": -0.8, "theme_sentiment": {"infrastructure": -0.8},)"
      R"( "sentences": [[0, 15, -0.8, ["infrastructure"]]]})";
  ingest::Response r;
  std::string duplicate_of;
  StoredThemes themes;
  ASSERT_TRUE(DecodeRecord(older, 7, &r, &duplicate_of, &themes).ok());
  EXPECT_FALSE(themes.sentiment_confidence.has_value());
  ASSERT_EQ(themes.theme_sentiment.size(), 1u);
  EXPECT_DOUBLE_EQ(themes.theme_sentiment[0].score, -0.8);
  EXPECT_EQ(themes.theme_sentiment[0].sentiment, "");
  ASSERT_EQ(themes.sentences.size(), 1u);
  EXPECT_DOUBLE_EQ(themes.sentences[0].sentiment, -0.8);
  EXPECT_EQ(themes.sentences[0].polarity, "");
}

}  // namespace
}  // namespace sift::index::schema
