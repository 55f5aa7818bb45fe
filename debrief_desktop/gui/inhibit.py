"""Keep the screen saver and display sleep off while a debrief is being presented.

Uses the freedesktop ``org.freedesktop.ScreenSaver`` D-Bus interface (KDE, Xfce, LXQt,
Cinnamon and others; GNOME answers it too through its portal/session shims) over
QtDBus on the session bus. Where there is no session bus or no such service (Windows,
macOS, a bare X server, a CI machine) it does nothing and says so in the log only.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import Q_ARG, QMetaObject, Qt
from PySide6.QtDBus import QDBus, QDBusConnection, QDBusInterface, QDBusMessage

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.ScreenSaver"
INTERFACE = "org.freedesktop.ScreenSaver"
PATHS = ("/org/freedesktop/ScreenSaver", "/ScreenSaver")
APP_NAME = "Debrief Desktop"
#: A screen saver that does not answer within this time is treated as absent.
TIMEOUT_MS = 500  # a desktop that does not answer fast enough is not waited for


def _session_bus_configured() -> bool:
    """True when a session bus can be found without libdbus auto-launching a new one.

    With no ``DBUS_SESSION_BUS_ADDRESS`` libdbus may start ``dbus-launch --autolaunch``,
    leaving a stray daemon behind; a screen saver on such a bus would not exist anyway.
    """
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return True
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return bool(runtime) and Path(runtime, "bus").exists()


class ScreenSaverInhibitor:
    """Holds one screen-saver inhibition on the freedesktop ScreenSaver service.

    Args:
        connection: The bus to use; default: the session bus (tests pass a private bus).
        app_name: The application name the desktop shows next to the inhibition.
    """

    def __init__(self, connection: QDBusConnection | None = None, app_name: str = APP_NAME) -> None:
        self._connection = connection
        self._app_name = app_name
        self._interface: QDBusInterface | None = None
        self._cookie: int | None = None

    @property
    def active(self) -> bool:
        """True while an inhibition is held."""
        return self._cookie is not None

    def inhibit(self, reason: str) -> bool:
        """Ask the desktop not to blank the screen; True when it agreed.

        Calling it again while an inhibition is held keeps the one held.
        """
        if self._cookie is not None:
            return True
        bus = self._bus()
        if bus is None:
            return False
        for path in PATHS:
            interface = self._interface_at(bus, path)
            if interface is None:
                continue
            reply = interface.call(QDBus.CallMode.Block, "Inhibit", self._app_name, reason)
            if reply.type() == QDBusMessage.MessageType.ReplyMessage and reply.arguments():
                self._interface = interface
                self._cookie = int(reply.arguments()[0])
                log.info("screen saver inhibited (%s, cookie %s)", path, self._cookie)
                return True
            log.info("screen saver refused to inhibit at %s: %s", path, reply.errorMessage())
        return False

    def release(self) -> None:
        """Let the screen saver run again; safe to call any number of times."""
        interface, cookie = self._interface, self._cookie
        self._interface = self._cookie = None
        if interface is None or cookie is None:
            return
        # UnInhibit takes a D-Bus uint32; a plain Python int would be sent as int32 and be
        # refused ("no such method"). Invoking the introspected method sends the right type.
        if interface.metaObject().indexOfMethod("UnInhibit(uint)") < 0:
            log.info("screen saver has no UnInhibit(uint); it ends when the app exits")
            return
        QMetaObject.invokeMethod(
            interface, "UnInhibit", Qt.ConnectionType.DirectConnection, Q_ARG("uint", cookie)
        )
        error = interface.lastError()
        if error.isValid():
            log.info("screen saver release failed: %s", error.message())
        else:
            log.info("screen saver released (cookie %s)", cookie)

    def _bus(self) -> QDBusConnection | None:
        if self._connection is None:
            if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
                log.info("no freedesktop screen saver on %s", sys.platform)
                return None
            if not _session_bus_configured():
                log.info("no D-Bus session bus: the screen saver stays as it is")
                return None
            self._connection = QDBusConnection.sessionBus()
        if not self._connection.isConnected():
            log.info("D-Bus session bus unavailable: %s", self._connection.lastError().message())
            return None
        return self._connection

    @staticmethod
    def _interface_at(bus: QDBusConnection, path: str) -> QDBusInterface | None:
        registered = bus.interface().isServiceRegistered(SERVICE)
        if not registered.isValid() or not registered.value():
            log.info("no %s service on the session bus", SERVICE)
            return None
        interface = QDBusInterface(SERVICE, path, INTERFACE, bus)
        interface.setTimeout(TIMEOUT_MS)
        if not interface.isValid():
            return None
        if interface.metaObject().indexOfMethod("Inhibit(QString,QString)") < 0:
            return None  # nothing introspected at this path
        return interface
