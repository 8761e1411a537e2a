#include "model/model_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>

#include "model/model_json.h"

namespace shardscape {

namespace {
// "<path>: <what>: <strerror(errno)>", NotFound or IOError.
Error fileError(const std::string& path, const std::string& what) {
    return fileSystemError(path + ": " + what, errno);
}

bool writeAll(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}
}  // namespace

Result<std::string> readTextFile(const std::string& path, size_t maxBytes) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fileError(path, "cannot open");
    std::string text;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<size_t>(in.gcount()));
        if (text.size() > maxBytes)
            return invalidArgumentError(path + ": larger than " + std::to_string(maxBytes >> 20) +
                                        " MB");
    }
    if (in.bad()) return fileError(path, "cannot read");
    return text;
}

Status writeFileAtomically(const std::string& path, std::string_view contents) {
    const std::filesystem::path target(path);
    const std::filesystem::path directory =
        target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    std::string tempName = ".";
    tempName.append(target.filename().string()).append(".tmp-XXXXXX");
    std::string temp = (directory / tempName).string();
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) return fileError(path, "cannot create a temporary file beside it");
    const bool written = writeAll(fd, contents) && ::fsync(fd) == 0;
    const int savedErrno = errno;
    ::close(fd);
    if (!written) {
        ::unlink(temp.c_str());
        errno = savedErrno;
        return fileError(path, "cannot write");
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const int renameErrno = errno;
        ::unlink(temp.c_str());
        errno = renameErrno;
        return fileError(path, "cannot replace");
    }
    // The rename itself is durable only once the directory is synced. The file is in place
    // by now; a failure here says that it may not survive a power loss.
    const int dirFd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY);
    if (dirFd < 0) return fileError(path, "written, but cannot open its directory to sync it");
    const bool synced = ::fsync(dirFd) == 0;
    const int syncErrno = errno;
    ::close(dirFd);
    // EINVAL: the file system cannot sync a directory at all, so there is nothing to report.
    if (!synced && syncErrno != EINVAL) {
        errno = syncErrno;
        return fileError(path, "written, but syncing its directory failed");
    }
    return {};
}

Result<Model> loadModel(const std::string& path) {
    auto text = readTextFile(path);
    if (!text) return text.error();
    auto model = parseModelText(*text);
    if (!model) return model.error().withContext(path + ": ");
    return model;
}

Status saveModel(const Model& model, const std::string& path) {
    std::string text;
    try {
        text = modelToJson(model).dump(2);
    } catch (const nlohmann::json::exception& e) {
        // Text that is not UTF-8 cannot be written as JSON; refuse rather than mangle it.
        return validationError(path + ": cannot save the model: " + e.what());
    }
    text.push_back('\n');
    return writeFileAtomically(path, text);
}

}  // namespace shardscape
