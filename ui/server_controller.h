#pragma once
// Server > Start/Stop: serves the workbench's local backend (the embedded engine,
// Backend::servedEngine) as a local DynamoDB endpoint (the same EndpointServer as
// `shardscape-cli serve`) from inside the GUI, whichever connection the window shows. Start asks
// for the host and port (127.0.0.1:8000 by default) and warns before binding anything but a
// loopback address; the status bar shows the URL while it runs.

#include <QObject>
#include <memory>

class QMainWindow;
class QAction;
class QLabel;

namespace shardscape {
class Backend;
class EndpointServer;

class ServerController : public QObject {
    Q_OBJECT
  public:
    // `local` is the backend to serve; Start is offered when it can be served.
    ServerController(QMainWindow* window, std::shared_ptr<Backend> local);
    ~ServerController() override;

    // Starts serving on host:port (0 picks a free port) without asking; false with
    // `lastError()` set when it cannot bind.
    bool start(const QString& host, int port);
    void stop();
    bool isRunning() const { return server_ != nullptr; }
    QString url() const { return url_; }
    QString lastError() const { return error_; }
    QLabel* statusLabel() const { return status_; }
    QAction* startAction() const { return startAction_; }
    QAction* stopAction() const { return stopAction_; }

    static bool isLoopback(const QString& host);
    // The warning shown before binding `host` (empty for loopback addresses).
    static QString bindWarning(const QString& host);

  signals:
    void started(const QString& url);
    void stopped();

  private:
    void askAndStart();
    void update();

    QMainWindow* window_;
    std::shared_ptr<Backend> local_;  // owns the engine the server serves
    std::unique_ptr<EndpointServer> server_;
    QString url_, error_;
    QLabel* status_ = nullptr;
    QAction* startAction_ = nullptr;
    QAction* stopAction_ = nullptr;
};

}  // namespace shardscape
