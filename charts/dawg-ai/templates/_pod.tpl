{{/*
The pod template of a component's Deployment. Args: dict root, name, c
(the component's merged settings, see "dawg.components").
*/}}

{{/*
The container's environment, in order: values that later ones refer to
with $(NAME) come first. A name set in the component's `env` replaces the
chart's own.
*/}}
{{- define "dawg.env" -}}
{{- $root := .root -}}
{{- $c := .c -}}
{{- $user := $c.env | default dict -}}
{{- $secret := include "dawg.secretName" $root -}}
{{- $env := list -}}
{{- if $c.backend -}}
{{- $env = append $env (dict "name" "HOST" "value" "0.0.0.0") -}}
{{- $env = append $env (dict "name" "PORT" "value" (toString ($c.containerPort | int))) -}}
{{- $env = append $env (dict "name" "K8S_POD_NAME" "valueFrom" (dict "fieldRef" (dict "fieldPath" "metadata.name"))) -}}
{{- /* The component label names the service in traces, whichever image runs (unified included). */ -}}
{{- $env = append $env (dict "name" "OTEL_SERVICE_NAME" "valueFrom" (dict "fieldRef" (dict "fieldPath" "metadata.labels['app.kubernetes.io/component']"))) -}}
{{- /* service.version is the tag this component runs (skaffold, for one, sets it per component). */ -}}
{{- $attrs := list (printf "service.version=%s" ($c.image.tag | default $root.Chart.AppVersion)) (printf "deployment.environment=%s" $root.Values.global.environment) -}}
{{- with $root.Values.global.region -}}
{{- $attrs = append $attrs (printf "cloud.region=%s" .) -}}
{{- end -}}
{{- $attrs = append $attrs (printf "k8s.namespace.name=%s" $root.Release.Namespace) -}}
{{- $attrs = append $attrs "k8s.pod.name=$(K8S_POD_NAME)" -}}
{{- range $key := keys ($root.Values.otel.resourceAttributes | default dict) | sortAlpha -}}
{{- $attrs = append $attrs (printf "%s=%s" $key (index $root.Values.otel.resourceAttributes $key)) -}}
{{- end -}}
{{- $env = append $env (dict "name" "OTEL_RESOURCE_ATTRIBUTES" "value" (join "," $attrs)) -}}
{{- $limit := dig "limits" "memory" "" ($c.resources | default dict) -}}
{{- if and $limit (gt ($c.heapPercent | int) 0) -}}
{{- $heap := div (mul (include "dawg.memoryMiB" $limit | int) ($c.heapPercent | int)) 100 -}}
{{- $env = append $env (dict "name" "NODE_OPTIONS" "value" (printf "--max-old-space-size=%d" $heap)) -}}
{{- end -}}
{{- $env = append $env (dict "name" "JWT_PUBLIC_KEY_FILE" "value" "/etc/dawg/jwt/public.pem") -}}
{{- if $c.jwtPrivateKey -}}
{{- $env = append $env (dict "name" "JWT_PRIVATE_KEY_FILE" "value" "/etc/dawg/jwt/private.pem") -}}
{{- end -}}
{{- if $c.ssh.enabled -}}
{{- $env = append $env (dict "name" "SSH_PORT" "value" (toString ($c.ssh.containerPort | int))) -}}
{{- $env = append $env (dict "name" "SSH_HOST_KEY_FILE" "value" "/etc/dawg/ssh/host_key") -}}
{{- end -}}
{{- /* The api's ops dispatch and health checks reach the other services here (unset in unified: all in-process). */ -}}
{{- if eq .name "api" -}}
{{- $urls := list -}}
{{- range $other, $oc := include "dawg.components" $root | fromJson -}}
{{- if and $oc.backend (ne $other "api") -}}
{{- $urls = append $urls (printf "%s=http://%s:%d" $other (include "dawg.componentName" (dict "root" $root "name" $other)) ($oc.service.port | int)) -}}
{{- end -}}
{{- end -}}
{{- if $urls -}}
{{- $env = append $env (dict "name" "OPS_SERVICE_URLS" "value" (join "," $urls)) -}}
{{- end -}}
{{- end -}}
{{- /* The assistant's tools act through the api's Service with the user's token (unset in unified: the api is in-process). */ -}}
{{- /* The voice coach reads stored recordings the same way. */ -}}
{{- $callsApi := dict "ai-brain" "AI_API_URL" "voice" "VOICE_API_URL" -}}
{{- /* Voice commands go to the assistant's Service. */ -}}
{{- if eq .name "voice" -}}
{{- $brain := get (include "dawg.components" $root | fromJson) "ai-brain" -}}
{{- if $brain -}}
{{- $env = append $env (dict "name" "VOICE_AI_URL" "value" (printf "http://%s:%d" (include "dawg.componentName" (dict "root" $root "name" "ai-brain")) ($brain.service.port | int))) -}}
{{- end -}}
{{- end -}}
{{- if hasKey $callsApi .name -}}
{{- $api := (include "dawg.components" $root | fromJson).api -}}
{{- if $api -}}
{{- $env = append $env (dict "name" (get $callsApi .name) "value" (printf "http://%s:%d" (include "dawg.componentName" (dict "root" $root "name" "api")) ($api.service.port | int))) -}}
{{- end -}}
{{- end -}}
{{- range $c.secretEnv -}}
{{- /* Only the connection URLs are required; a missing optional key leaves its feature off. */ -}}
{{- $required := has . (list "DATABASE_URL" "REDIS_URL") -}}
{{- $env = append $env (dict "name" . "valueFrom" (dict "secretKeyRef" (dict "name" $secret "key" . "optional" (not $required)))) -}}
{{- end -}}
{{- end -}}
{{- $final := list -}}
{{- range $env -}}
{{- if not (hasKey $user .name) -}}
{{- $final = append $final . -}}
{{- end -}}
{{- end -}}
{{- range $key := keys $user | sortAlpha -}}
{{- $final = append $final (dict "name" $key "value" (index $user $key | toString)) -}}
{{- end -}}
{{- if $final -}}
{{- toYaml $final -}}
{{- end -}}
{{- end -}}

{{- define "dawg.podTemplate" -}}
{{- $root := .root -}}
{{- $c := .c -}}
{{- /* seccompProfile: RuntimeDefault unless the component relaxes it (the SSH gateway's sandbox; policy-tested). */ -}}
{{- $psc := merge (dict "seccompProfile" $c.seccompProfile "procMount" $c.procMount) $c.podSecurityContext -}}
{{- /* The one exception to the chart's container policy: the SSH gateway's command sandbox (README.md, "SSH gateway"). */ -}}
{{- if and (or (ne $c.seccompProfile.type "RuntimeDefault") (eq $c.procMount "Unmasked") (not $c.hostUsers)) (not $c.ssh.enabled) -}}
{{- fail (printf "%s: seccompProfile, procMount and hostUsers may differ from the defaults only for a component running the SSH gateway (ssh.enabled)" .name) -}}
{{- end -}}
{{- if and (eq $c.procMount "Unmasked") $c.hostUsers -}}
{{- fail (printf "%s: procMount Unmasked needs hostUsers: false (Kubernetes refuses it otherwise)" .name) -}}
{{- end -}}
{{- $selector := include "dawg.selectorLabels" . -}}
metadata:
  labels:
    {{- include "dawg.labels" . | nindent 4 }}
    {{- with $c.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- if or $c.backend $c.podAnnotations }}
  annotations:
    {{- if $c.backend }}
    {{- /* Roll the pods when their configuration or secrets change. */}}
    checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
    checksum/secret: {{ printf "%s/%s" (include "dawg.secretName" $root) (include (print $root.Template.BasePath "/secret.yaml") $root) | sha256sum }}
    {{- end }}
    {{- with $c.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- end }}
spec:
  {{- if not $c.hostUsers }}
  hostUsers: false
  {{- end }}
  serviceAccountName: {{ include "dawg.serviceAccountName" . }}
  automountServiceAccountToken: false
  enableServiceLinks: false
  securityContext:
    {{- include "dawg.podSecurityContext" $psc | nindent 4 }}
  {{- with $c.imagePullSecrets }}
  imagePullSecrets:
    {{- range . }}
    - name: {{ . }}
    {{- end }}
  {{- end }}
  {{- with $c.priorityClassName }}
  priorityClassName: {{ . }}
  {{- end }}
  terminationGracePeriodSeconds: {{ $c.terminationGracePeriodSeconds | int }}
  {{- if $c.topologySpread.enabled }}
  topologySpreadConstraints:
    {{- range $key, $topology := dict "zone" "topology.kubernetes.io/zone" "node" "kubernetes.io/hostname" }}
    {{- $spread := index $c.topologySpread $key }}
    - topologyKey: {{ $topology }}
      maxSkew: {{ $spread.maxSkew | int }}
      whenUnsatisfiable: {{ $spread.whenUnsatisfiable }}
      labelSelector:
        matchLabels:
          {{- $selector | nindent 10 }}
      # Count only the pods of the same rollout, so a rolling update is not skewed by the old ReplicaSet.
      matchLabelKeys: [pod-template-hash]
    {{- end }}
  {{- end }}
  {{- with $c.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $c.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $c.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: {{ .name }}
      image: {{ include "dawg.image" . }}
      imagePullPolicy: {{ $c.image.pullPolicy }}
      {{- /* args, not command: the image's entrypoint (tini) stays PID 1, forwarding SIGTERM to node and reaping zombies. */}}
      {{- if $c.command }}
      args:
        {{- toYaml $c.command | nindent 8 }}
      {{- else if $c.backend }}
      args: [node, services/{{ .name }}/dist/main.js]
      {{- end }}
      ports:
        - name: http
          containerPort: {{ $c.containerPort | int }}
          protocol: TCP
        {{- if $c.ssh.enabled }}
        - name: ssh
          containerPort: {{ $c.ssh.containerPort | int }}
          protocol: TCP
        {{- end }}
      {{- $env := include "dawg.env" . }}
      {{- if $env }}
      env:
        {{- $env | nindent 8 }}
      {{- end }}
      {{- if $c.backend }}
      envFrom:
        - configMapRef:
            name: {{ include "dawg.fullname" $root }}-config
      {{- end }}
      resources:
        {{- toYaml $c.resources | nindent 8 }}
      securityContext:
        {{- include "dawg.containerSecurityContext" $psc | nindent 8 }}
      {{- range $kind, $probe := $c.probes }}
      {{ $kind }}Probe:
        httpGet:
          path: {{ $probe.path }}
          port: http
        periodSeconds: {{ $probe.periodSeconds | int }}
        timeoutSeconds: {{ $probe.timeoutSeconds | int }}
        failureThreshold: {{ $probe.failureThreshold | int }}
      {{- end }}
      {{- if gt ($c.preStopSleepSeconds | int) 0 }}
      lifecycle:
        preStop:
          sleep:
            seconds: {{ $c.preStopSleepSeconds | int }}
      {{- end }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
        {{- if $c.backend }}
        - name: jwt
          mountPath: /etc/dawg/jwt
          readOnly: true
        {{- end }}
        {{- if $c.ssh.enabled }}
        - name: ssh-host-key
          mountPath: /etc/dawg/ssh
          readOnly: true
        {{- end }}
  volumes:
    # The root filesystem is read-only; this is the only writable place.
    - name: tmp
      emptyDir:
        sizeLimit: {{ $c.tmpSizeLimit }}
    {{- if $c.backend }}
    - name: jwt
      secret:
        secretName: {{ include "dawg.secretName" $root }}
        defaultMode: 288 # 0440: owner and group (fsGroup) read
        items:
          - key: JWT_PUBLIC_KEY
            path: public.pem
          {{- if $c.jwtPrivateKey }}
          - key: JWT_PRIVATE_KEY
            path: private.pem
          {{- end }}
    {{- end }}
    {{- if $c.ssh.enabled }}
    - name: ssh-host-key
      secret:
        secretName: {{ $c.ssh.hostKeySecret.name | default (include "dawg.secretName" $root) }}
        defaultMode: 288 # 0440: owner and group (fsGroup) read
        items:
          - key: {{ $c.ssh.hostKeySecret.key }}
            path: host_key
    {{- end }}
{{- end -}}
