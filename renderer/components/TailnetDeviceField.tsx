// The profile editor's Tailscale device: picked from the tailnet this Mac sees (tailscale:scan, the Tailscale page's
// data), or typed as a MagicDNS name or tailnet IP when the Tailscale CLI is missing or the device is not listed.
// A typed device is saved under its name as its ID, since without the CLI there is no stable ID to learn.
import { useEffect, useRef, useState } from 'react';
import type { TailnetDeviceView } from '../../electron/shared/tailnet';
import { api } from '../api';
import { Field } from './form-fields';
import { Progress } from './Progress';

export type TailnetDevices =
  { phase: 'loading' } | { phase: 'ready'; devices: TailnetDeviceView[] } | { phase: 'unavailable'; reason: string };

/** The tailnet's devices, asked for once `wanted` first turns true (choosing the Tailscale route). */
export function useTailnetDevices(wanted: boolean): TailnetDevices {
  const [devices, setDevices] = useState<TailnetDevices>({ phase: 'loading' });
  const asked = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    if (!wanted || asked.current) return;
    asked.current = true;
    void api.invoke('tailscale:scan').then((result) => {
      if (!mounted.current) return;
      if (!result.ok) setDevices({ phase: 'unavailable', reason: result.error.message });
      else if (result.value.status.state !== 'running')
        setDevices({ phase: 'unavailable', reason: result.value.status.sentence });
      else setDevices({ phase: 'ready', devices: result.value.status.devices });
    });
  }, [wanted]);
  return devices;
}

export interface ChosenDevice {
  deviceId: string;
  deviceName: string;
  /** The SSH host keys Tailscale publishes for it ([] for a typed one: the first connect asks). */
  hostKeys: string[];
  /** Where it is reached: its MagicDNS name, else its tailnet IPv4 address. */
  host: string;
  /** The Gateway the scan found on it. */
  gatewayUrl?: string;
  /** Picked from the tailnet rather than typed. */
  listed: boolean;
}

function chosenOf(device: TailnetDeviceView): ChosenDevice {
  const host = device.dnsName.replace(/\.$/u, '') || device.ips.find((ip) => ip.includes('.')) || device.name;
  return {
    deviceId: device.id,
    deviceName: device.name,
    hostKeys: device.sshHostKeys,
    host,
    listed: true,
    ...(device.gateway ? { gatewayUrl: device.gateway.url } : {}),
  };
}

/** A typed MagicDNS name or tailnet IP; named by its first label (gateway-box.tail1234.ts.net → gateway-box). */
export function typedDevice(text: string): ChosenDevice {
  const host = text.trim().replace(/\.$/u, '');
  const isAddress = /^[\d.]+$/u.test(host) || host.includes(':');
  return {
    deviceId: host,
    deviceName: isAddress ? host : (host.split('.')[0] ?? host),
    hostKeys: [],
    host,
    listed: false,
  };
}

export interface TailnetDeviceFieldProps {
  id: string;
  devices: TailnetDevices;
  /** The device chosen so far ('' for none). */
  deviceId: string;
  onChoose: (device: ChosenDevice) => void;
  problems: string[];
  onLeave: () => void;
  onEdit: () => void;
}

export function TailnetDeviceField(props: TailnetDeviceFieldProps) {
  const { id, devices, deviceId, onChoose } = props;
  const listed = devices.phase === 'ready' ? devices.devices : [];
  const known = deviceId === '' || listed.some((device) => device.id === deviceId);
  // Typing is the way when there is no list, or when the saved device is not in it; otherwise the person's choice.
  const [typingChosen, setTyping] = useState(false);
  const typing = devices.phase === 'unavailable' || typingChosen || (devices.phase === 'ready' && !known);

  if (devices.phase === 'loading') {
    return (
      <div className="field">
        <span className="field-label">Device</span>
        <Progress label="Looking for devices on your tailnet…" />
      </div>
    );
  }

  const common = { problems: props.problems, onLeave: props.onLeave, onEdit: props.onEdit };
  if (typing) {
    return (
      <>
        {devices.phase === 'unavailable' ? (
          <p className="notice-inline" id={`${id}-why`}>
            {devices.reason} Type the device’s MagicDNS name or tailnet IP instead.
          </p>
        ) : null}
        <Field
          label="Device"
          id={id}
          {...common}
          help="Its MagicDNS name (such as gateway-box.tail1234.ts.net) or its tailnet IP (100.x.y.z)."
          after={
            devices.phase === 'ready' ? (
              <button type="button" className="link" onClick={() => setTyping(false)}>
                Pick from your tailnet
              </button>
            ) : null
          }
        >
          <input
            id={id}
            type="text"
            value={deviceId}
            placeholder="gateway-box.tail1234.ts.net"
            autoCapitalize="off"
            spellCheck={false}
            onChange={(event) => onChoose(typedDevice(event.target.value))}
          />
        </Field>
      </>
    );
  }

  return (
    <Field
      label="Device"
      id={id}
      {...common}
      help={
        listed.length === 0
          ? 'This Mac sees no other devices on the tailnet: type a name instead.'
          : 'A device marked “Gateway” answered as an OpenClaw Gateway.'
      }
      after={
        <button
          type="button"
          className="link"
          onClick={() => {
            setTyping(true);
            onChoose(typedDevice(''));
          }}
        >
          Type a name instead
        </button>
      }
    >
      <select
        id={id}
        value={deviceId}
        onChange={(event) => {
          const device = listed.find((candidate) => candidate.id === event.target.value);
          if (device) onChoose(chosenOf(device));
        }}
      >
        <option value="" disabled>
          Choose a device…
        </option>
        {listed.map((device) => (
          <option key={device.id} value={device.id}>
            {[device.name, device.gateway ? 'Gateway' : '', device.online ? '' : 'offline'].filter(Boolean).join(' · ')}
          </option>
        ))}
      </select>
    </Field>
  );
}
