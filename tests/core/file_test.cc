#include "sift/core/file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace sift {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The names in `dir`, so a test can see that no temporary file is left.
std::vector<std::string> Names(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(WriteFileAtomicallyTest, WritesEveryByteWithReadableMode) {
  testing::TempDir dir;
  const std::string bytes("a\0b\xff\n", 5);
  const std::string path = dir.file("out.bin");
  ASSERT_TRUE(WriteFileAtomically(path, bytes).ok());
  EXPECT_EQ(ReadAll(path), bytes);
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"out.bin"});
}

TEST(WriteFileAtomicallyTest, ReplacesAnOldFileWhole) {
  testing::TempDir dir;
  const std::string path =
      testing::WriteFile(dir.file("model.json"), std::string(10000, 'x'));
  ASSERT_TRUE(WriteFileAtomically(path, "{}\n").ok());
  EXPECT_EQ(ReadAll(path), "{}\n");
  ASSERT_TRUE(WriteFileAtomically(path, "").ok());
  EXPECT_EQ(ReadAll(path), "");
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"model.json"});
}

TEST(WriteFileAtomicallyTest, MissingDirectoryNamesThePathAndReason) {
  testing::TempDir dir;
  const std::string path = dir.file("no/such/dir/report.json");
  Status s = WriteFileAtomically(path, "{}");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_NE(s.message().find(path), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("No such file or directory"), std::string::npos)
      << s.message();
}

// The rename fails late, after the bytes are written: what was at the path
// stays, and the temporary file is removed.
TEST(WriteFileAtomicallyTest, FailedRenameLeavesOldContentsAndNoTemporary) {
  testing::TempDir dir;
  const std::string path = dir.file("digest.html");
  std::filesystem::create_directory(path);
  testing::WriteFile(path + "/keep.txt", "kept");
  Status s = WriteFileAtomically(path, "<html></html>");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_NE(s.message().find(path + ": write failed"), std::string::npos)
      << s.message();
  EXPECT_EQ(ReadAll(path + "/keep.txt"), "kept");
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"digest.html"});
}

TEST(ReadWholeFileTest, ReadsEveryByte) {
  testing::TempDir dir;
  const std::string bytes("a\0b\xff\n", 5);
  ASSERT_TRUE(WriteFileAtomically(dir.file("in.bin"), bytes).ok());
  auto read = ReadWholeFile(dir.file("in.bin"), "no input");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read.value(), bytes);
  ASSERT_TRUE(WriteFileAtomically(dir.file("empty"), "").ok());
  auto empty = ReadWholeFile(dir.file("empty"), "no input");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty.value(), "");
}

TEST(ReadWholeFileTest, MissingFileSaysWhatWasExpected) {
  testing::TempDir dir;
  const std::string path = dir.file("model.bin");
  auto read = ReadWholeFile(path, "no model file (train one with sift train)");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(read.status().message(),
            path + ": no model file (train one with sift train)");
}

TEST(ReadWholeFileTest, DirectoryIsAnErrorNotAnEmptyFile) {
  testing::TempDir dir;
  auto read = ReadWholeFile(dir.path().string(), "no input");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), Status::Code::kIoError);
  EXPECT_NE(read.status().message().find("is a directory"), std::string::npos);
}

}  // namespace
}  // namespace sift
