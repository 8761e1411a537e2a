#pragma once
// A LevelDB file system for storage-fault tests (EngineOptions::env): the real one, except that
// the faults switched on here happen, to the files they are aimed at, the way the operating
// system reports them (the same errno texts).
//
//  - diskFull: writes fail with ENOSPC. An append that fails has written the part that fitted
//    (half of it), as write(2) does on a filling disk, so a log may end in a torn record; new
//    files cannot be created. `diskFullAfterBytes` delays it: the disk fills after that many
//    more bytes have been appended.
//  - syncFails: fsync fails with EIO.
//  - renameFails: rename fails with EIO (LevelDB renames its CURRENT file when it opens).
//  - readsFail: reads of existing table files fail with EIO.
// `files` aims the faults at the log, table files, the manifest or any file.
#include <leveldb/env.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string>

namespace shardscape::testing {

class FaultInjectingEnv : public leveldb::EnvWrapper {
  public:
    enum Files : int { Log = 1, Table = 2, Manifest = 4, Other = 8, Any = 15 };

    FaultInjectingEnv() : EnvWrapper(leveldb::Env::Default()) {}

    std::atomic<bool> diskFull{false};
    std::atomic<int64_t> diskFullAfterBytes{-1};  // < 0: not armed
    std::atomic<bool> syncFails{false};
    std::atomic<bool> renameFails{false};
    std::atomic<bool> readsFail{false};
    std::atomic<int> files{Any};
    std::atomic<int> faultsInjected{0};  // how many operations failed because of a fault

    void clear() {
        diskFull = false;
        diskFullAfterBytes = -1;
        syncFails = false;
        renameFails = false;
        readsFail = false;
        files = Any;
    }

    static int kindOf(const std::string& name) {
        const auto ends = [&name](const char* suffix) {
            const size_t n = std::strlen(suffix);
            return name.size() >= n && name.compare(name.size() - n, n, suffix) == 0;
        };
        if (ends(".log")) return Log;
        if (ends(".ldb") || ends(".sst")) return Table;
        if (name.find("MANIFEST-") != std::string::npos) return Manifest;
        return Other;
    }

    leveldb::Status NewWritableFile(const std::string& name,
                                    leveldb::WritableFile** file) override {
        if (aimedAt(name) && fullNow(0)) return failure(name, ENOSPC);
        leveldb::WritableFile* real = nullptr;
        leveldb::Status opened = target()->NewWritableFile(name, &real);
        if (opened.ok()) *file = new Writable(*this, name, real);
        return opened;
    }

    leveldb::Status NewAppendableFile(const std::string& name,
                                      leveldb::WritableFile** file) override {
        if (aimedAt(name) && fullNow(0)) return failure(name, ENOSPC);
        leveldb::WritableFile* real = nullptr;
        leveldb::Status opened = target()->NewAppendableFile(name, &real);
        if (opened.ok()) *file = new Writable(*this, name, real);
        return opened;
    }

    leveldb::Status NewRandomAccessFile(const std::string& name,
                                        leveldb::RandomAccessFile** file) override {
        if (readsFail && aimedAt(name)) return failure(name, EIO);
        leveldb::RandomAccessFile* real = nullptr;
        leveldb::Status opened = target()->NewRandomAccessFile(name, &real);
        if (opened.ok()) *file = new RandomAccess(*this, name, real);
        return opened;
    }

    leveldb::Status RenameFile(const std::string& from, const std::string& to) override {
        if (renameFails && aimedAt(to)) return failure(from, EIO);
        return target()->RenameFile(from, to);
    }

  private:
    bool aimedAt(const std::string& name) const { return (files & kindOf(name)) != 0; }

    // Whether the disk is full once `bytes` more are written (arming diskFull when a delayed
    // fill runs out).
    bool fullNow(int64_t bytes) {
        if (diskFull) return true;
        int64_t left = diskFullAfterBytes.load();
        while (left >= 0) {
            if (bytes <= left) {
                if (diskFullAfterBytes.compare_exchange_weak(left, left - bytes)) return false;
                continue;
            }
            diskFull = true;
            diskFullAfterBytes = -1;
            return true;
        }
        return false;
    }

    leveldb::Status failure(const std::string& name, int error) {
        ++faultsInjected;
        return leveldb::Status::IOError(name, std::strerror(error));
    }

    class Writable : public leveldb::WritableFile {
      public:
        Writable(FaultInjectingEnv& env, std::string name, leveldb::WritableFile* real)
            : env_(env), name_(std::move(name)), real_(real) {}
        leveldb::Status Append(const leveldb::Slice& data) override {
            if (env_.aimedAt(name_) && env_.fullNow(static_cast<int64_t>(data.size()))) {
                (void)real_->Append(leveldb::Slice(data.data(), data.size() / 2));
                (void)real_->Flush();
                return env_.failure(name_, ENOSPC);
            }
            return real_->Append(data);
        }
        leveldb::Status Close() override { return real_->Close(); }
        leveldb::Status Flush() override { return real_->Flush(); }
        leveldb::Status Sync() override {
            if (env_.syncFails && env_.aimedAt(name_)) return env_.failure(name_, EIO);
            return real_->Sync();
        }

      private:
        FaultInjectingEnv& env_;
        std::string name_;
        std::unique_ptr<leveldb::WritableFile> real_;
    };

    class RandomAccess : public leveldb::RandomAccessFile {
      public:
        RandomAccess(FaultInjectingEnv& env, std::string name, leveldb::RandomAccessFile* real)
            : env_(env), name_(std::move(name)), real_(real) {}
        leveldb::Status Read(uint64_t offset, size_t n, leveldb::Slice* result,
                             char* scratch) const override {
            if (env_.readsFail && env_.aimedAt(name_)) return env_.failure(name_, EIO);
            return real_->Read(offset, n, result, scratch);
        }

      private:
        FaultInjectingEnv& env_;
        std::string name_;
        std::unique_ptr<leveldb::RandomAccessFile> real_;
    };
};

}  // namespace shardscape::testing
