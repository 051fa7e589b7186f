#include "sift/core/status.h"

#include <gtest/gtest.h>

namespace sift {
namespace {

TEST(StatusTest, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(StatusTest, ErrorCarriesCodeAndMessage) {
  Status s = Status::NotFound("a.csv: no such file");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_EQ(s.message(), "a.csv: no such file");
  EXPECT_EQ(s.ToString(), "not found: a.csv: no such file");
  EXPECT_EQ(s.WithContext("ingest").message(), "ingest: a.csv: no such file");
}

Status FailsWhen(bool fail) {
  SIFT_RETURN_IF_ERROR(fail ? Status::IoError("boom") : Status::Ok());
  return Status::InvalidArgument("reached the end");
}

TEST(StatusTest, ReturnIfErrorReturnsEarly) {
  EXPECT_EQ(FailsWhen(true).code(), Status::Code::kIoError);
  EXPECT_EQ(FailsWhen(false).code(), Status::Code::kInvalidArgument);
}

TEST(ResultTest, HoldsValueOrStatus) {
  Result<int> good = 42;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 42);
  Result<int> bad = Status::Corruption("bad");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Status::Code::kCorruption);
}

}  // namespace
}  // namespace sift
