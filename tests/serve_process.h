#pragma once
// `shardscape-cli serve` (SHARDSCAPE_CLI) as a child process on a free port with its own
// temporary data directory, for suites that need a real endpoint. Stopped (SIGTERM, then
// killed) when the object goes away.

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

namespace shardscape::testing {

class ServeProcess {
  public:
    ~ServeProcess() {
        if (process_.state() == QProcess::NotRunning) return;
        process_.terminate();
        if (!process_.waitForFinished(5000)) process_.kill();
        process_.waitForFinished(5000);
    }
    // Starts serve with `extra` arguments and reads its listening line; false if it did not
    // start.
    bool start(const QStringList& extra = {}) {
        process_.start(SHARDSCAPE_CLI,
                       QStringList{"serve", "--data", data_.path(), "--port", "0"} + extra);
        if (!process_.waitForStarted(5000)) return false;
        QByteArray output;
        while (!output.contains('\n') && process_.waitForReadyRead(10000))
            output += process_.readAllStandardOutput();
        const auto match =
            QRegularExpression("(http://127\\.0\\.0\\.1:\\d+)").match(QString::fromUtf8(output));
        if (match.hasMatch()) url_ = match.captured(1);
        return !url_.isEmpty();
    }
    QString url() const { return url_; }

  private:
    QTemporaryDir data_;
    QProcess process_;
    QString url_;
};

}  // namespace shardscape::testing
